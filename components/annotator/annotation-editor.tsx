"use client";
import { useState } from "react";
import { AnnotationFields, draftFrom, draftPayload, type TDraft } from "@/components/annotator/annotation-fields";
import { ChainEditor } from "@/components/annotator/chain-editor";
import { EvidenceSection } from "@/components/annotator/evidence-list";
import { FormFooter } from "@/components/annotator/form-footer";
import { sourceLabel } from "@/components/annotator/source-combobox";
import { StatusBadge } from "@/components/annotator/status-badge";
import { updateAnnotationAction } from "@/lib/annotations/actions";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import type { TSource } from "@/lib/sources/schemas";

type TChanges = Record<string, unknown>;

/** Only what the reviewer changed, so "Reapply" re-sends their edits and nothing else. */
function changes(original: TAnnotationView, draft: TDraft, span: { start: number; end: number }): TChanges {
  const before = draftPayload(draftFrom(original));
  const after = draftPayload(draft);
  const out: TChanges = {};
  for (const key of ["locator", "attributionText", "status", "note"] as const) if (after[key] !== before[key]) out[key] = after[key];
  if (after.source) out.source = after.source;
  else if (after.sourceId !== before.sourceId) out.sourceId = after.sourceId;
  if (span.start !== original.start || span.end !== original.end) Object.assign(out, { start: span.start, end: span.end });
  return out;
}

/**
 * The React key of an annotation's editor: what its form edits. A save or "Reload their version"
 * changes these and starts the form afresh; an evidence or chain change bumps only the version,
 * and the form keeps what the reviewer was typing (and uses the new version for its next save).
 */
export function editorKey(a: TAnnotationView): string {
  return JSON.stringify([a.id, a.source?.id ?? null, a.locator, a.attributionText, a.status, a.note, a.start, a.end]);
}

/**
 * Edit an annotation's source, locator, status, note and span, with stale-save protection; below
 * the form, its evidence and attribution chain (separate forms: HTML forms do not nest).
 */
export function AnnotationEditor(props: {
  annotation: TAnnotationView;
  sources: TSource[];
  textSelection: { start: number; end: number } | null;
  onSaved: (annotation: TAnnotationView) => void;
  onDelete: (annotation: TAnnotationView) => void;
  onCancel: () => void;
}) {
  const a = props.annotation;
  const [draft, setDraft] = useState<TDraft>(() => draftFrom(a));
  const [span, setSpan] = useState({ start: a.start, end: a.end });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ message: string; current: TAnnotationView } | null>(null);
  const [pending, setPending] = useState(false);
  // Evidence added after "needs evidence" was refused: that message no longer holds.
  const [seenEvidence, setSeenEvidence] = useState(a.evidenceCount);
  if (seenEvidence !== a.evidenceCount) {
    setSeenEvidence(a.evidenceCount);
    if (errors.status) {
      setErrors((current) => {
        const next = { ...current };
        delete next.status;
        return next;
      });
      setMessage(null);
    }
  }

  async function send(version: number) {
    const body = changes(a, draft, span);
    setPending(true);
    const result = await updateAnnotationAction(a.id, { version, ...body });
    setPending(false);
    if (result.ok) {
      setConflict(null);
      return props.onSaved(result.data);
    }
    if (result.error.code === "CONFLICT" && result.error.current) {
      setConflict({ message: result.error.message, current: result.error.current as TAnnotationView });
      return;
    }
    setErrors(result.error.fields ?? {});
    setMessage(result.error.message);
  }

  function reload() {
    if (!conflict) return;
    // Their version may differ only in evidence or chain, which does not re-key this editor.
    setDraft(draftFrom(conflict.current));
    setSpan({ start: conflict.current.start, end: conflict.current.end });
    setConflict(null);
    props.onSaved(conflict.current);
  }

  return (
    <div className="annotation-details">
      <form
        className="stack annotation-editor"
        noValidate
        aria-label="Edit annotation"
        onSubmit={(e) => {
          e.preventDefault();
          void send(conflict ? conflict.current.version : a.version);
        }}
      >
        {conflict && (
          <div role="alert" className="conflict">
            <p>
              <strong>{conflict.message}</strong> (version {conflict.current.version}). Nothing of yours was saved.
            </p>
            <p>
              Their version: <StatusBadge status={conflict.current.status} /> {conflict.current.source ? sourceLabel(conflict.current.source) : "no source"}
              {conflict.current.locator ? `, ${conflict.current.locator}` : ""}
              {conflict.current.note ? ` — “${conflict.current.note}”` : ""}
            </p>
            <div className="toolbar">
              <button type="button" className="button" onClick={reload}>
                Reload their version
              </button>
              <button type="submit" className="button primary" disabled={pending}>
                Reapply my changes
              </button>
            </div>
          </div>
        )}
        <AnnotationFields draft={draft} onChange={setDraft} sources={props.sources} errors={errors} disabled={pending} />
        <fieldset className="span-fields">
          <legend>Span (code points)</legend>
          <label>
            Start <input type="number" min={0} value={span.start} onChange={(e) => setSpan({ ...span, start: Number(e.target.value) })} />
          </label>
          <label>
            End <input type="number" min={1} value={span.end} onChange={(e) => setSpan({ ...span, end: Number(e.target.value) })} />
          </label>
          <button type="button" className="button" disabled={!props.textSelection} onClick={() => props.textSelection && setSpan(props.textSelection)}>
            Use text selection
          </button>
          {(errors.start || errors.end || errors.exact) && (
            <p role="alert" className="error">
              {errors.start ?? errors.end ?? errors.exact}
            </p>
          )}
        </fieldset>
        {!conflict && (
          <FormFooter message={message} pending={pending} saveLabel="Save changes" onCancel={props.onCancel}>
            <button type="button" className="button danger" onClick={() => props.onDelete(a)}>
              Delete
            </button>
          </FormFooter>
        )}
      </form>
      <EvidenceSection annotation={a} sources={props.sources} canEdit onAnnotationChanged={props.onSaved} />
      <ChainEditor annotation={a} sources={props.sources} onAnnotationChanged={props.onSaved} />
    </div>
  );
}
