"use client";
import { startTransition, useRef, useState } from "react";
import { afterNextPaint } from "@/components/annotator/after-paint";
import { AnnotationFields, draftFrom, draftPayload, sourceQuestion, type TDraft } from "@/components/annotator/annotation-fields";
import { ChainEditor } from "@/components/annotator/chain-editor";
import { EvidenceSection } from "@/components/annotator/evidence-list";
import { FormFooter } from "@/components/annotator/form-footer";
import { SpanMover } from "@/components/annotator/span-mover";
import { sourceLabel } from "@/lib/sources/label";
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
 * What an annotation's editing form edits. When another change (an evidence or chain change, a
 * sign-off) leaves these alone, the form keeps what the reviewer was typing and uses the new
 * version for its next save.
 */
export function editorKey(a: TAnnotationView): string {
  return JSON.stringify([a.id, a.source?.id ?? null, a.locator, a.attributionText, a.status, a.note, a.start, a.end]);
}

/**
 * Edit an annotation's source, locator, status, note and span, with stale-save protection; below
 * the form, its evidence and attribution chain (separate forms: HTML forms do not nest). Cancel
 * discards the edits and closes the form, leaving the annotation chosen ("Edit annotation" reopens it).
 *
 * The form edits `base`, the version it started from. When the annotation changes under it (a
 * live update, someone else's save) the form follows if nothing was typed; otherwise it keeps
 * the reviewer's input and `base`, says who changed it, and their save meets the 409 and the
 * conflict panel: never a silent overwrite, never lost input.
 */
export function AnnotationEditor(props: {
  annotation: TAnnotationView;
  /** The document's text, for the quote of a moved span and for moving it by words. */
  text: string;
  sources: TSource[];
  textSelection: { start: number; end: number } | null;
  onSaved: (annotation: TAnnotationView) => void;
  onDelete: (annotation: TAnnotationView) => void;
}) {
  const a = props.annotation;
  // Cancel closes the form only: the annotation stays chosen, its evidence, discussion and history open.
  const [editing, setEditing] = useState(true);
  const editButton = useRef<HTMLButtonElement>(null);
  const [base, setBase] = useState(a);
  const [draft, setDraft] = useState<TDraft>(() => draftFrom(a));
  const [span, setSpan] = useState({ start: a.start, end: a.end });
  // Remounts the fields when the draft is replaced (the source picker takes its value once).
  const [generation, setGeneration] = useState(0);
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

  const dirty = Object.keys(changes(base, draft, span)).length > 0;
  const changedUnder = editorKey(a) !== editorKey(base);
  if (a !== base && (!changedUnder || !dirty)) {
    setBase(a);
    if (changedUnder) start(a);
  }

  /** Starts the form afresh from `next` (their version, or what was just saved). */
  function start(next: TAnnotationView) {
    setBase(next);
    setDraft(draftFrom(next));
    setSpan({ start: next.start, end: next.end });
    setErrors({});
    setMessage(null);
    setConflict(null);
    setGeneration((g) => g + 1);
  }

  async function send(version: number) {
    // Typed source text that matches no choice yet: ask which source was meant, as the new-annotation dialog does.
    const question = sourceQuestion(draft);
    if (question) {
      setErrors({ sourceId: question });
      setMessage("Nothing saved yet: say which source the text claims.");
      return;
    }
    const body = changes(base, draft, span);
    setPending(true);
    const result = await updateAnnotationAction(a.id, { version, ...body });
    if (result.ok) {
      props.onSaved(result.data);
      // After the frame that shows the recoloured highlight, and with the list's update (also a
      // transition), so that the form never renders against the annotation it replaced.
      afterNextPaint(() =>
        startTransition(() => {
          setPending(false);
          start(result.data);
        }),
      );
      return;
    }
    setPending(false);
    if (result.error.code === "CONFLICT" && result.error.current) {
      setConflict({ message: result.error.message, current: result.error.current as TAnnotationView });
      return;
    }
    setErrors(result.error.fields ?? {});
    setMessage(result.error.message);
  }

  function reload() {
    if (!conflict) return;
    start(conflict.current);
    props.onSaved(conflict.current);
  }

  function cancel() {
    start(base);
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <div className="annotation-details">
      {!editing ? (
        <button ref={editButton} type="button" className="button edit-annotation" onClick={() => setEditing(true)}>
          Edit annotation
        </button>
      ) : (
        <form
          className="stack annotation-editor"
          noValidate
          aria-label="Edit annotation"
          onSubmit={(e) => {
            e.preventDefault();
            void send(conflict ? conflict.current.version : base.version);
          }}
        >
          {/* While a save is on its way its own live event may come first: that is not someone else's change. */}
          {changedUnder && !conflict && !pending && (
            <div role="status" className="notice live-changed">
              <p>
                <strong>{a.updatedBy.name} changed this annotation.</strong> What you typed is kept; saving it shows both versions first.
              </p>
              <button type="button" className="button" onClick={() => start(a)}>
                Discard mine, show theirs
              </button>
            </div>
          )}
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
          <AnnotationFields key={generation} draft={draft} onChange={setDraft} sources={props.sources} errors={errors} disabled={pending} />
          <SpanMover
            annotationId={a.id}
            text={props.text}
            span={span}
            exact={span.start === base.start && span.end === base.end ? base.exact : undefined}
            textSelection={props.textSelection}
            onChange={setSpan}
            error={errors.start ?? errors.end ?? errors.exact}
            disabled={pending}
          />
          {!conflict && (
            <FormFooter message={message} pending={pending} saveLabel="Save changes" onCancel={cancel}>
              <button type="button" className="button danger" onClick={() => props.onDelete(a)}>
                Delete
              </button>
            </FormFooter>
          )}
        </form>
      )}
      <EvidenceSection annotation={a} sources={props.sources} canEdit onAnnotationChanged={props.onSaved} />
      <ChainEditor annotation={a} sources={props.sources} onAnnotationChanged={props.onSaved} />
    </div>
  );
}
