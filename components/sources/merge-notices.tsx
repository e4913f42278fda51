"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { undoMergeAction } from "@/lib/sources/merge-actions";
import type { TMergeSummary } from "@/lib/sources/registry-schemas";
import { formatCount } from "@/lib/format";

/** Recent merges into this source; owners may undo each. */
export function MergeNotices(props: { merges: TMergeSummary[]; canUndo: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function undo(mergeId: string) {
    startTransition(async () => {
      const result = await undoMergeAction(mergeId);
      if (!result.ok) return setError(result.error.message);
      setError(null);
      router.refresh();
    });
  }

  if (props.merges.length === 0) return null;
  return (
    <section aria-label="Merges into this source" className="merge-notices">
      <ul className="plain">
        {props.merges.map((m) => (
          <li key={m.id} className="notice" role="status">
            Merged “{m.mergedTitle}” into this source{" "}
            <span className="muted">
              ({formatCount(m.moved.annotations, "annotation")} moved, by {m.actorName})
            </span>
            {props.canUndo && (
              <>
                {" "}
                —{" "}
                <button type="button" className="button link" onClick={() => undo(m.id)} disabled={pending} aria-label={`Undo merging “${m.mergedTitle}”`}>
                  Undo
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
