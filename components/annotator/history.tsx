"use client";
import { useEffect, useId, useMemo, useState } from "react";
import { describeHistory, historyNames, type THistoryData, type THistoryEntry } from "@/lib/annotations/history";
import { annotationHistoryAction } from "@/lib/annotations/history-actions";
import { formatDateTime } from "@/lib/format";
import { sourceLabel } from "@/lib/sources/label";
import type { TSource } from "@/lib/sources/schemas";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/**
 * One event: what happened, who did it and when, then each change as "from … to …" (the words
 * carry it; <del>/<ins> only add emphasis) and for a create, delete, evidence item or comment what
 * it was. Shared by an annotation's History and the document's activity feed.
 */
export function HistoryEntryView({ entry }: { entry: THistoryEntry }) {
  return (
    <div className="history-entry">
      <p className="history-head">
        <strong>{entry.title}</strong> <span className="history-actor">by {entry.actor.name}</span>{" "}
        <time dateTime={entry.createdAt}>{formatDateTime(new Date(entry.createdAt))}</time>
      </p>
      {entry.changes.length > 0 && (
        <ul className="history-changes">
          {entry.changes.map((c) => (
            <li key={c.field}>
              <span className="history-label">{c.label}:</span> from <del>{c.before}</del> to <ins>{c.after}</ins>
            </li>
          ))}
        </ul>
      )}
      {entry.facts.length > 0 && (
        <ul className="history-facts">
          {entry.facts.map((f) => (
            <li key={f.field}>
              <span className="history-label">{f.label}:</span> {f.value}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The "History" section of an opened annotation: every event, oldest first. Loaded when opened,
 * and again when the annotation changes here (its version) or elsewhere (`liveKey`, the id of the
 * latest live event that touched it), so an open History never goes stale.
 */
export function AnnotationHistory(props: { annotationId: string; version: number; liveKey?: string; sources: TSource[]; members: TMemberOption[] }) {
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<THistoryData | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    let live = true;
    void annotationHistoryAction(props.annotationId).then((result) => {
      if (!live) return;
      if (result.ok) {
        setData(result.data);
        setMessage(null);
      } else setMessage(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [open, props.annotationId, props.version, props.liveKey]);

  const entries = useMemo(
    () => (data ? describeHistory(data.events, historyNames({ sources: props.sources.map((s) => ({ id: s.id, label: sourceLabel(s) })), members: props.members, extra: data.names })) : null),
    [data, props.sources, props.members],
  );

  return (
    <section className="history" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? "▾" : "▸"}</span> History
          {entries && <span className="muted"> ({entries.length})</span>}
        </button>
      </h3>
      <div id={`${id}-body`} hidden={!open}>
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        {entries === null ? (
          !message && <p className="muted">Loading history…</p>
        ) : (
          <ol className="history-list" aria-label="Events, oldest first">
            {entries.map((entry) => (
              <li key={entry.id}>
                <HistoryEntryView entry={entry} />
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
