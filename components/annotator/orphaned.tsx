"use client";
import { useId, useState, useTransition } from "react";
import { sourceLabel } from "@/lib/sources/label";
import { RefusedNotice } from "@/components/annotator/stale-notice";
import { StatusBadge } from "@/components/annotator/status-badge";
import { statusClass } from "@/components/annotator/status-styles";
import { shorten } from "@/lib/anchoring/selectors";
import { updateAnnotationAction } from "@/lib/annotations/actions";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import type { TAppErrorBody } from "@/lib/errors";

type TSpan = { start: number; end: number; exact: string };

function OrphanItem(props: { annotation: TAnnotationView; selection: TSpan | null; canPlace: boolean; onPlaced: (a: TAnnotationView) => void }) {
  const a = props.annotation;
  const quoteId = useId();
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [pending, startTransition] = useTransition();

  function place() {
    const span = props.selection;
    if (!span) return;
    startTransition(async () => {
      const result = await updateAnnotationAction(a.id, { version: a.version, start: span.start, end: span.end, orphaned: false });
      if (!result.ok) return setError(result.error);
      setError(null);
      props.onPlaced(result.data);
    });
  }

  return (
    <li className={`orphan-item ${statusClass(a.status)}`} data-orphan-id={a.id}>
      <q id={quoteId}>{shorten(a.exact, 120)}</q>
      <div className="item-meta">
        <StatusBadge status={a.status} />
        <span>{a.source ? sourceLabel(a.source) : <em>No source</em>}</span>
        {a.note && <span className="muted">{shorten(a.note, 160)}</span>}
      </div>
      {props.canPlace && (
        <button
          type="button"
          className="button"
          aria-describedby={quoteId}
          disabled={!props.selection || pending}
          // Keeps the text selection, as the Annotate button does.
          onMouseDown={(e) => e.preventDefault()}
          onClick={place}
        >
          {pending ? "Placing…" : "Place at selection"}
        </button>
      )}
      <RefusedNotice
        error={error}
        onReload={(current) => {
          setError(null);
          props.onPlaced(current);
        }}
      />
    </li>
  );
}

/**
 * Imported annotations whose quotes were not found in this text (lib/imports): listed apart, not
 * painted, until a reviewer selects where one belongs and places it there.
 */
export function OrphanedAnnotations(props: { orphans: TAnnotationView[]; selection: TSpan | null; canPlace: boolean; onPlaced: (a: TAnnotationView) => void }) {
  if (props.orphans.length === 0) return null;
  return (
    <section aria-labelledby="orphans-heading" className="orphans">
      <h3 id="orphans-heading">Not placed in the text ({props.orphans.length})</h3>
      <p className="hint">
        Imported, but their quotes were not found in this text.
        {props.canPlace && " Select where one belongs, then press “Place at selection”."}
      </p>
      <ul>
        {props.orphans.map((a) => (
          <OrphanItem key={a.id} annotation={a} selection={props.selection} canPlace={props.canPlace} onPlaced={props.onPlaced} />
        ))}
      </ul>
    </section>
  );
}
