"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { formatCount } from "@/lib/format";
import { mergeSourceAction } from "@/lib/sources/merge-actions";

type TOption = { id: string; label: string };

/**
 * "Merge into…": choose the source to keep, then confirm with how many annotations move. After
 * the merge the kept source's page opens, where owners can undo it.
 */
export function MergeSourceForm(props: { sourceId: string; label: string; annotationCount: number; options: TOption[] }) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [intoId, setIntoId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const kept = props.options.find((o) => o.id === intoId);

  function merge() {
    startTransition(async () => {
      const result = await mergeSourceAction(props.sourceId, { intoId });
      if (!result.ok) {
        setConfirming(false);
        return setError(result.error.fields?.intoId ?? result.error.message);
      }
      router.push(`/sources/${result.data.keptId}`);
      router.refresh();
    });
  }

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} disabled={props.options.length === 0} title={props.options.length === 0 ? "There is no other source to merge into" : undefined}>
        Merge into…
      </button>
    );
  }
  return (
    <section className="merge-form card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Merge “{props.label}” into another source</h2>
      {!confirming ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (!intoId) return setError("Choose the source to keep");
            setError(null);
            setConfirming(true);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-into`}>Source to keep</label>
            <select id={`${id}-into`} value={intoId} onChange={(e) => setIntoId(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} autoFocus>
              <option value="">Choose a source…</option>
              {props.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            {error && (
              <p id={`${id}-error`} className="error" role="alert">
                {error}
              </p>
            )}
          </div>
          <div className="toolbar">
            <button type="submit" className="button primary">
              Continue
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="stack" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            {formatCount(props.annotationCount, "annotation")} citing “{props.label}” will move to “{kept?.label}”, with its evidence and attribution chains. “{props.label}” and its aliases
            become aliases of “{kept?.label}”. An owner can undo this.
          </p>
          <div className="toolbar">
            <button type="button" className="button primary" onClick={merge} disabled={pending} autoFocus>
              {pending ? "Merging…" : "Confirm merge"}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={pending}>
              Back
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
