"use client";
import { useEffect, useState } from "react";
import { EvidenceForm } from "@/components/annotator/evidence-form";
import { sourceLabel } from "@/lib/sources/label";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import { listEvidenceAction, removeEvidenceAction } from "@/lib/evidence/actions";
import { STANCE_INFO, type TEvidence, type TEvidenceChange } from "@/lib/evidence/schemas";
import type { TSource } from "@/lib/sources/schemas";

export function StanceBadge({ stance }: { stance: TEvidence["stance"] }) {
  const info = STANCE_INFO[stance];
  return (
    <span className={`stance-badge stance-${stance.toLowerCase()}`} title={info.meaning}>
      <span aria-hidden="true">{info.symbol}</span> {info.label}
    </span>
  );
}

function EvidenceItem(props: { item: TEvidence; n: number; canEdit: boolean; onEdit: () => void; onRemove: () => void }) {
  const e = props.item;
  return (
    <li className="evidence-item">
      <StanceBadge stance={e.stance} />
      {e.passage && <blockquote className="quote">“{e.passage}”</blockquote>}
      {e.passageTranslation && (
        <p className="translation">
          <span className="muted">Translation:</span> {e.passageTranslation}
        </p>
      )}
      <p>
        {e.source ? sourceLabel(e.source) : <em>No source</em>}
        {e.locator && <>, {e.locator}</>}
      </p>
      {(e.url || e.archivedUrl || e.accessedOn) && (
        <p className="evidence-links">
          {e.url && (
            <a href={e.url} target="_blank" rel="noopener noreferrer">
              Source URL
            </a>
          )}
          {e.archivedUrl && (
            <a href={e.archivedUrl} target="_blank" rel="noopener noreferrer">
              Archived copy
            </a>
          )}
          {e.accessedOn && (
            <span>
              Accessed <time dateTime={e.accessedOn}>{e.accessedOn}</time>
            </span>
          )}
        </p>
      )}
      {e.note && <p className="evidence-note">{e.note}</p>}
      {props.canEdit && (
        <div className="toolbar">
          <button type="button" className="button" aria-label={`Edit evidence ${props.n}`} onClick={props.onEdit}>
            Edit
          </button>
          <button type="button" className="button danger" aria-label={`Remove evidence ${props.n}`} onClick={props.onRemove}>
            Remove
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The "Evidence" section of an opened annotation: its items are fetched when it opens (the list
 * of 2,000 annotations carries only counts). Each change hands the annotation, with the version
 * the change bumped, to `onAnnotationChanged`.
 */
export function EvidenceSection(props: { annotation: TAnnotationView; sources: TSource[]; canEdit: boolean; onAnnotationChanged: (a: TAnnotationView) => void }) {
  const a = props.annotation;
  const [items, setItems] = useState<TEvidence[] | null>(null);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void listEvidenceAction(a.id).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.data);
      else setMessage(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [a.id]);

  function applied(change: TEvidenceChange, removed = false) {
    const { evidence } = change;
    setItems((list = []) => {
      if (removed) return (list ?? []).filter((x) => x.id !== evidence.id);
      const known = (list ?? []).some((x) => x.id === evidence.id);
      return known ? (list ?? []).map((x) => (x.id === evidence.id ? evidence : x)) : [...(list ?? []), evidence];
    });
    setEditing(null);
    setMessage(null);
    props.onAnnotationChanged(change.annotation);
  }

  async function remove(item: TEvidence) {
    const result = await removeEvidenceAction(item.id);
    if (result.ok) applied(result.data, true);
    else setMessage(result.error.message);
  }

  const form = (evidence?: TEvidence) => (
    <EvidenceForm annotationId={a.id} evidence={evidence} defaultSourceId={a.source?.id ?? null} sources={props.sources} onSaved={(c) => applied(c)} onCancel={() => setEditing(null)} />
  );

  return (
    <section className="evidence-section" aria-labelledby={`evidence-${a.id}`}>
      <h3 id={`evidence-${a.id}`}>Evidence</h3>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      {items === null ? (
        !message && <p className="muted">Loading evidence…</p>
      ) : items.length === 0 ? (
        <p className="muted">No evidence yet. Verified, Partly verified, Misattributed and Contradicted need at least one item.</p>
      ) : (
        <ol className="evidence-list">
          {items.map((item, i) =>
            editing === item.id ? (
              <li key={item.id} className="evidence-item">
                {form(item)}
              </li>
            ) : (
              <EvidenceItem key={item.id} item={item} n={i + 1} canEdit={props.canEdit} onEdit={() => setEditing(item.id)} onRemove={() => void remove(item)} />
            ),
          )}
        </ol>
      )}
      {props.canEdit &&
        (editing === "new" ? (
          form()
        ) : (
          <button type="button" className="button" onClick={() => setEditing("new")} disabled={items === null}>
            Add evidence
          </button>
        ))}
    </section>
  );
}
