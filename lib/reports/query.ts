/**
 * The report pages' options in the URL. The options form is a GET form: a checkbox per status
 * (`statuses=VERIFIED&statuses=CONTRADICTED`), and for each flag a hidden 0 before its checkbox's
 * 1, so an unticked box still says 0 and a ticked one wins as the later value. The same options
 * go back out in the export API's shape (ZReportQuery: `statuses=A,B&text=1&comments=0`). Pure.
 */
import type { TExportFormat, TReportOptions } from "@/lib/reports/schemas";
import { isStatus, STATUSES, type TStatus } from "@/lib/statuses";

export type TSearchParams = Record<string, string | string[] | undefined>;

function values(v: string | string[] | undefined): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(",")).filter(Boolean);
}

function flag(v: string | string[] | undefined, fallback: boolean): boolean {
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  if (last === undefined) return fallback;
  return last === "1" || last === "true";
}

/** Options from the page's query; unknown statuses are ignored, and all or none of them means every status. */
export function reportOptionsFrom(params: TSearchParams): { options: TReportOptions; documents: string[] } {
  const chosen = [...new Set(values(params.statuses).filter(isStatus))];
  const statuses: TStatus[] | undefined = chosen.length && chosen.length < STATUSES.length ? STATUSES.filter((s) => chosen.includes(s)) : undefined;
  return {
    options: { statuses, includeText: flag(params.text, true), includeComments: flag(params.comments, false) },
    documents: [...new Set(values(params.documents))],
  };
}

/** The options as the export API reads them, `documents` first when given. */
export function reportQuery(options: TReportOptions, documents: string[] = []): string {
  const params = new URLSearchParams();
  if (documents.length) params.set("documents", documents.join(","));
  if (options.statuses?.length) params.set("statuses", options.statuses.join(","));
  params.set("text", options.includeText ? "1" : "0");
  params.set("comments", options.includeComments ? "1" : "0");
  // Ids and status names need no escaping; commas read better unescaped.
  return params.toString().replace(/%2C/g, ",");
}

export function documentExportHref(documentId: string, format: TExportFormat, query: string): string {
  return `/api/v1/documents/${encodeURIComponent(documentId)}/export?format=${format}&${query}`;
}
