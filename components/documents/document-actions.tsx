"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteDocumentAction, renameDocumentAction } from "@/lib/documents/actions";

/** Rename and delete, for editors and owners. */
export function DocumentActions({ documentId, title }: { documentId: string; title: string }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [state, rename, pending] = useFormAction(async (previous: unknown, form: FormData) => {
    const result = await renameDocumentAction(documentId, previous, form);
    if (result.ok) setRenaming(false);
    return result;
  });
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const titleError = state && !state.ok ? (state.error.fields?.title ?? state.error.message) : undefined;

  async function onDelete() {
    if (!window.confirm(`Delete “${title}”? An owner of the workspace can restore it.`)) return;
    const result = await deleteDocumentAction(documentId);
    if (result.ok) {
      router.push(`/documents?deleted=${encodeURIComponent(title)}`);
      router.refresh();
    } else setDeleteError(result.error.message);
  }

  if (renaming) {
    return (
      <form onSubmit={rename} noValidate className="inline-form">
        <label htmlFor="rename-title">Title</label>
        <input id="rename-title" name="title" defaultValue={title} maxLength={300} autoFocus {...describedBy("rename-title", titleError)} />
        <button type="submit" className="button primary" disabled={pending}>
          Save title
        </button>
        <button type="button" className="button" onClick={() => setRenaming(false)}>
          Cancel
        </button>
        <FieldError id="rename-title" message={titleError} />
      </form>
    );
  }
  return (
    <div className="toolbar">
      <button type="button" className="button" onClick={() => setRenaming(true)}>
        Rename
      </button>
      <button type="button" className="button danger" onClick={onDelete}>
        Delete
      </button>
      {deleteError && (
        <p role="alert" className="error">
          {deleteError}
        </p>
      )}
    </div>
  );
}
