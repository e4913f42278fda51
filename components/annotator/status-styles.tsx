import { highlightName, SELECTED_HIGHLIGHT } from "@/components/annotator/highlight-painter";
import { STATUSES, STATUS_INFO } from "@/lib/statuses";

/** ::highlight() rules and badge colours, generated from the one status vocabulary. */
export function StatusStyles() {
  const rules = STATUSES.map((status) => {
    const info = STATUS_INFO[status];
    const cls = `status-${status.toLowerCase().replace(/_/g, "-")}`;
    return [
      `::highlight(${highlightName(status)}) { background-color: ${info.background}; text-decoration: underline ${info.underline} ${info.colour}; text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
      `.${cls} { --status-colour: ${info.colour}; --status-bg: ${info.background}; --status-underline: ${info.underline}; }`,
    ].join("\n");
  });
  rules.push(`::highlight(${SELECTED_HIGHLIGHT}) { background-color: #ffbf47; color: #000; text-decoration: underline solid #000; text-decoration-thickness: 3px; }`);
  return <style>{rules.join("\n")}</style>;
}

export function statusClass(status: string): string {
  return `status-${status.toLowerCase().replace(/_/g, "-")}`;
}
