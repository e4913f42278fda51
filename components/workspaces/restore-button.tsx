"use client";
import { useState, useTransition } from "react";
import { restoreDocumentAction } from "@/lib/documents/actions";

export function RestoreButton({ documentId, title }: { documentId: string; title: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={pending}
        aria-label={`Restore ${title}`}
        onClick={() =>
          startTransition(async () => {
            const result = await restoreDocumentAction(documentId);
            if (!result.ok) setError(result.error.message);
          })
        }
      >
        Restore
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}
