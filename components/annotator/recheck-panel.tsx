"use client";
import { useState } from "react";
import { RefusedNotice } from "@/components/annotator/stale-notice";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import type { TAppErrorBody } from "@/lib/errors";
import { hasRole } from "@/lib/roles";
import { recheckAction } from "@/lib/revisions/actions";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/**
 * An annotation whose words a revision of the text changed: says so, with how close the new quote
 * is, and lets a reviewer say they have looked again ("Checked again", a RECHECKED event). Its status
 * and sign-off are theirs to change as usual.
 */
export function RecheckPanel(props: { annotation: TAnnotationView; viewer: TMemberOption; onSaved: (a: TAnnotationView) => void }) {
  const a = props.annotation;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<TAppErrorBody | null>(null);
  if (!a.needsRecheck) return null;

  async function recheck() {
    setPending(true);
    const result = await recheckAction(a.id, { version: a.version });
    setPending(false);
    if (result.ok) {
      setError(null);
      return props.onSaved(result.data);
    }
    setError(result.error);
  }

  return (
    <section className="recheck" aria-label="Needs re-check">
      <h3>
        <span aria-hidden="true">⚠</span> Needs re-check
      </h3>
      <p>
        {a.orphaned
          ? `Revision ${a.documentRevision} of the text no longer has the words this annotation quoted.`
          : `Revision ${a.documentRevision} of the text changed the words this annotation quotes; it now quotes them as they read there${
              a.anchorSimilarity !== null ? ` (${Math.round(a.anchorSimilarity * 100)} % like before)` : ""
            }.`}{" "}
        Read them again before relying on its status.
      </p>
      {hasRole(props.viewer.role, "REVIEWER") && (
        <button type="button" className="button" disabled={pending} onClick={recheck}>
          Checked again
        </button>
      )}
      <RefusedNotice
        error={error}
        onReload={(current) => {
          setError(null);
          props.onSaved(current);
        }}
      />
    </section>
  );
}
