"use client";
import { useEffect, useRef, useState } from "react";
import { AnnotationFields, draftPayload, emptyDraft, sourceQuestion, type TDraft } from "@/components/annotator/annotation-fields";
import { usePageLocator } from "@/components/annotator/document-pages";
import { FormFooter } from "@/components/annotator/form-footer";
import { shorten } from "@/lib/anchoring/selectors";
import { createAnnotationAction } from "@/lib/annotations/actions";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import type { TSource } from "@/lib/sources/schemas";

/** The "New annotation" dialog (a native modal <dialog>: focus trap, Escape, inert page). */
export function NewAnnotationDialog(props: {
  documentId: string;
  span: { start: number; end: number; exact: string };
  /** The revision of the text the span was chosen in: the server carries it to a later one, or refuses. */
  revision: number;
  sources: TSource[];
  onSaved: (annotation: TAnnotationView) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<TDraft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // In a paged document (a PDF), the span's page, proposed as the locator (never filled in unasked:
  // the locator says where in the cited source, which may be another work).
  const page = usePageLocator(props.span);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const question = sourceQuestion(draft);
    if (question) {
      setErrors({ sourceId: question });
      setMessage("Nothing saved yet: say which source the text claims.");
      return;
    }
    setPending(true);
    const result = await createAnnotationAction(props.documentId, { start: props.span.start, end: props.span.end, exact: props.span.exact, revision: props.revision, ...draftPayload(draft) });
    // Saved: the dialog closes (after the frame that paints the highlight) still pending, so that
    // it neither renders again first nor takes a second Save meanwhile.
    if (result.ok) return props.onSaved(result.data);
    setPending(false);
    setErrors(result.error.fields ?? {});
    setMessage(result.error.message);
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="new-annotation-title" onClose={props.onClose} onCancel={props.onClose}>
      <form onSubmit={save} noValidate className="stack">
        <h2 id="new-annotation-title">New annotation</h2>
        <blockquote className="quote">“{shorten(props.span.exact, 240)}”</blockquote>
        <AnnotationFields draft={draft} onChange={setDraft} sources={props.sources} errors={errors} disabled={pending} />
        {page && draft.locator !== page && (
          <p className="hint page-proposal">
            This passage is on {page} of this document.{" "}
            <button type="button" className="button link" onClick={() => setDraft({ ...draft, locator: page })} disabled={pending}>
              Use “{page}” as the locator
            </button>
          </p>
        )}
        <FormFooter message={message} pending={pending} saveLabel="Save annotation" onCancel={props.onClose} />
      </form>
    </dialog>
  );
}
