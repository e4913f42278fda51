"use client";
import { applyPatch, createPatch } from "diff";
import Link from "next/link";
import { useId, useState } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import type { TAppErrorBody } from "@/lib/errors";
import { createRevisionAction } from "@/lib/revisions/actions";
import type { TNewRevision } from "@/lib/revisions/mutations";

type TConflict = { revision: number; message: string };

/**
 * The text and a reason; saved against the revision it was loaded at. When another save came first
 * (409), offers to re-apply this edit to the latest revision: the changes made here, as a patch on
 * the text they started from, applied to the latest text, then shown to check and save again.
 */
export function TextEditForm(props: { documentId: string; baseRevision: number; text: string }) {
  const [base, setBase] = useState({ revision: props.baseRevision, text: props.text });
  const [text, setText] = useState(props.text);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [conflict, setConflict] = useState<TConflict | null>(null);
  const [notice, setNotice] = useState("");
  const [saved, setSaved] = useState<TNewRevision | null>(null);
  const textId = useId();
  const reasonId = useId();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await createRevisionAction(props.documentId, { baseRevision: base.revision, text, reason });
    setPending(false);
    if (result.ok) {
      setError(null);
      setConflict(null);
      return setSaved(result.data);
    }
    const current = result.error.code === "CONFLICT" ? (result.error.current as { revision: number } | undefined) : undefined;
    if (current) return setConflict({ revision: current.revision, message: result.error.message });
    setError(result.error);
  }

  async function reapply() {
    if (!conflict) return;
    setPending(true);
    const response = await fetch(`/api/v1/documents/${encodeURIComponent(props.documentId)}/revisions/${conflict.revision}`);
    setPending(false);
    if (!response.ok) return setNotice("The latest revision could not be read; reload the page to start again from it.");
    const latest = (await response.json()) as { number: number; text: string };
    const merged = applyPatch(latest.text, createPatch("text", base.text, text));
    if (merged === false) {
      return setNotice(`Your edit overlaps theirs in revision ${latest.number} and cannot be re-applied by itself. Copy what you changed, then reload to edit revision ${latest.number}.`);
    }
    setBase({ revision: latest.number, text: latest.text });
    setText(merged);
    setConflict(null);
    setNotice(`Your edit is re-applied to revision ${latest.number}. Check the text, then save again.`);
  }

  if (saved) {
    const { revision, counts } = saved;
    return (
      <div role="status" className="notice">
        <p>
          Saved revision {revision.number}. Annotations: {counts.unchanged + counts.shifted} kept their words ({counts.shifted} moved), {counts.changed} changed and need a
          re-check, {counts.orphaned} lost.
        </p>
        <p>
          <Link href={`/documents/${props.documentId}`}>Back to the document</Link> · <Link href={`/documents/${props.documentId}/revisions?from=${revision.number - 1}&to=${revision.number}`}>See the changes</Link>
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={save} className="text-edit-form">
      <div className="field">
        <label htmlFor={textId}>Text (revision {base.revision})</label>
        <textarea id={textId} value={text} onChange={(e) => setText(e.target.value)} rows={24} spellCheck={false} {...describedBy(textId, error?.fields?.text)} />
        <FieldError id={textId} message={error?.fields?.text} />
      </div>
      <div className="field">
        <label htmlFor={reasonId}>Why it changes</label>
        <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} placeholder="e.g. OCR: Cyrillic look-alike letters fixed" {...describedBy(reasonId, error?.fields?.reason)} />
        <FieldError id={reasonId} message={error?.fields?.reason} />
      </div>
      {error && !error.fields && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {conflict && (
        <div role="alert" className="error">
          <p>{conflict.message}</p>
          <button type="button" className="button" onClick={reapply} disabled={pending}>
            Re-apply my edit to revision {conflict.revision}
          </button>
        </div>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <button type="submit" className="button primary" disabled={pending}>
        Save as revision {base.revision + 1}
      </button>
    </form>
  );
}
