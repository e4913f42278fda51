"use client";
import { useState } from "react";
import { shorten } from "@/lib/anchoring/selectors";
import { listDeletedAnnotationsAction, restoreAnnotationAction } from "@/lib/annotations/actions";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import { formatDateTime } from "@/lib/format";

/** For editors and owners: the document's deleted annotations, each restorable. */
export function DeletedAnnotations(props: { documentId: string; onRestored: (a: TAnnotationView) => void }) {
  const [items, setItems] = useState<TAnnotationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    const result = await listDeletedAnnotationsAction(props.documentId);
    if (result.ok) setItems(result.data);
    else setError(result.error.message);
  }

  async function restore(a: TAnnotationView) {
    const result = await restoreAnnotationAction(a.id);
    if (!result.ok) return setError(result.error.message);
    setItems((list) => list?.filter((x) => x.id !== a.id) ?? null);
    props.onRestored(result.data);
  }

  return (
    <details className="deleted" onToggle={(e) => (e.currentTarget.open && items === null ? void load() : undefined)}>
      <summary>Deleted annotations</summary>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {items?.length === 0 && <p className="muted">None.</p>}
      <ul className="plain">
        {items?.map((a) => (
          <li key={a.id}>
            <q>{shorten(a.exact, 60)}</q> <span className="muted">deleted {a.deletedAt ? formatDateTime(new Date(a.deletedAt)) : ""}</span>{" "}
            <button type="button" className="button" aria-label={`Restore “${shorten(a.exact, 40)}”`} onClick={() => restore(a)}>
              Restore
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
