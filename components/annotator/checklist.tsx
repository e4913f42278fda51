"use client";
import { memo } from "react";
import { StatusBadge } from "@/components/annotator/status-badge";
import { shorten } from "@/lib/anchoring/selectors";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import { isVerdict } from "@/lib/statuses";

/** Settled: a verdict that needs no further sign-off (confirmed, or given where none is asked for). */
function settled(a: TAnnotationView) {
  return isVerdict(a.status) && (a.signOff === "CONFIRMED" || a.signOff === "NONE");
}

/**
 * The document's checklist: the claims to settle before publication, in text order, with how many
 * are settled. Memoized: rendered again only when the list of annotations changes.
 */
export const Checklist = memo(function Checklist(props: { all: TAnnotationView[]; onChoose: (id: string) => void }) {
  const items = props.all.filter((a) => a.onChecklist);
  if (items.length === 0) return null;
  const done = items.filter(settled).length;
  return (
    <details className="checklist">
      <summary>
        Checklist: {done} of {items.length} settled
      </summary>
      <ul>
        {items.map((a) => (
          <li key={a.id}>
            <span aria-hidden="true">{settled(a) ? "☑" : "☐"}</span>
            <span className="sr-only">{settled(a) ? "Settled:" : "Open:"}</span>{" "}
            <button type="button" className="link-button" onClick={() => props.onChoose(a.id)}>
              {shorten(a.exact, 70)}
            </button>{" "}
            <StatusBadge status={a.status} />
          </li>
        ))}
      </ul>
    </details>
  );
});
