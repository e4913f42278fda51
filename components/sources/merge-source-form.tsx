"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { formatCount } from "@/lib/format";
import { mergeProgressAction, mergeSourceAction } from "@/lib/sources/merge-actions";
import type { TMergeResult } from "@/lib/sources/registry-schemas";

/** How often a background merge's progress is read. */
const POLL_MS = 1_000;

type TOption = { id: string; label: string };

/**
 * "Merge into…": choose the source to keep, then confirm with how many annotations move. After
 * the merge the kept source's page opens, where owners can undo it. A heavily cited source is
 * merged in the background: the form shows how many citations have moved until it is done.
 */
export function MergeSourceForm(props: { sourceId: string; label: string; annotationCount: number; options: TOption[] }) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [intoId, setIntoId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<TMergeResult | null>(null);
  const kept = props.options.find((o) => o.id === intoId);

  function finished(merge: TMergeResult) {
    router.push(`/sources/${merge.keptId}`);
    router.refresh();
  }

  useEffect(() => {
    if (!running || running.state !== "RUNNING") return;
    const timer = setTimeout(async () => {
      const result = await mergeProgressAction(running.id);
      if (!result.ok) return setError(result.error.message);
      if (result.data.state === "DONE") return finished(result.data);
      if (result.data.state === "FAILED") setError(`The merge failed: ${result.data.error ?? ""}`);
      setRunning(result.data);
    }, POLL_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- polls again after each answer
  }, [running]);

  function merge() {
    startTransition(async () => {
      const result = await mergeSourceAction(props.sourceId, { intoId });
      if (!result.ok) {
        setConfirming(false);
        return setError(result.error.fields?.intoId ?? result.error.message);
      }
      if (result.data.state === "RUNNING") return setRunning(result.data);
      finished(result.data);
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
      {running ? (
        <div className="stack">
          <p role="status">
            Merging in the background: {formatCount(running.done, "citation")} of {running.total.toLocaleString("en-US")} moved.
          </p>
          <progress max={running.total} value={running.done} aria-label="Citations moved" />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      ) : !confirming ? (
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
