"use client";
import { useId, useState } from "react";
import { RefusedNotice } from "@/components/annotator/stale-notice";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { signOffAction } from "@/lib/annotations/actions";
import type { TAnnotationView, TSignOff } from "@/lib/annotations/schemas";
import type { TAppErrorBody } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { hasRole } from "@/lib/roles";
import { isVerdict, SIGN_OFF_INFO } from "@/lib/statuses";
import type { TMemberOption } from "@/lib/workspaces/schemas";

function when(iso: string | null) {
  return iso ? (
    <>
      {" "}
      on <time dateTime={iso}>{formatDateTime(new Date(iso))}</time>
    </>
  ) : null;
}

/**
 * The two-person rule for one annotation: who gave the verdict and who confirmed it, and for an
 * editor or owner who did not give it, Confirm and Return. Nobody sees Confirm on their own verdict.
 */
export function SignOffPanel(props: { annotation: TAnnotationView; viewer: TMemberOption; onSaved: (a: TAnnotationView) => void }) {
  const a = props.annotation;
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const reasonId = useId();
  if (!isVerdict(a.status)) return null;

  const ownVerdict = a.verdictBy?.id === props.viewer.id;
  const canDecide = hasRole(props.viewer.role, "EDITOR") && !ownVerdict;

  async function decide(decision: TSignOff["decision"]) {
    setPending(true);
    const result = await signOffAction(a.id, { version: a.version, decision, ...(decision === "RETURN" ? { reason } : {}) });
    setPending(false);
    if (result.ok) {
      setError(null);
      setReturning(false);
      setReason("");
      return props.onSaved(result.data);
    }
    setReasonError(result.error.fields?.reason);
    setError(result.error.fields?.reason ? null : result.error);
  }

  const info = SIGN_OFF_INFO[a.signOff];
  return (
    <section className="sign-off" aria-label="Sign-off">
      <h3>Sign-off</h3>
      <p className={`sign-off-state sign-off-${a.signOff.toLowerCase()}`}>
        {a.signOff === "NONE" ? (
          "This workspace does not ask for a second person's sign-off."
        ) : (
          <strong>
            <span aria-hidden="true">{info.symbol}</span> {info.label}
          </strong>
        )}
      </p>
      <p>
        Verdict by {a.verdictBy ? a.verdictBy.name : "a former member"}
        {when(a.verdictAt)}.
        {a.signOff === "CONFIRMED" && a.signedOffBy && (
          <>
            {" "}
            Confirmed by {a.signedOffBy.name}
            {when(a.signedOffAt)}.
          </>
        )}
      </p>
      {a.signOff === "AWAITING" && a.signOffNote && <p>Back for sign-off: {a.signOffNote}.</p>}
      {a.signOff === "RETURNED" && (
        <blockquote className="quote">
          Returned by {a.signedOffBy?.name ?? "a former member"}
          {when(a.signedOffAt)}: {a.signOffNote}
        </blockquote>
      )}
      <RefusedNotice
        error={error}
        onReload={(current) => {
          setError(null);
          props.onSaved(current);
        }}
      />
      {a.signOff === "AWAITING" && ownVerdict && <p className="muted">Another editor or owner has to confirm your verdict.</p>}
      {a.signOff === "AWAITING" && !ownVerdict && !canDecide && <p className="muted">An editor or owner confirms verdicts.</p>}
      {a.signOff === "AWAITING" && canDecide && !returning && (
        <div className="toolbar">
          <button type="button" className="button primary" disabled={pending} onClick={() => decide("CONFIRM")}>
            Confirm
          </button>
          <button type="button" className="button" onClick={() => setReturning(true)}>
            Return…
          </button>
        </div>
      )}
      {returning && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void decide("RETURN");
          }}
        >
          <label htmlFor={reasonId}>Why does the verdict go back?</label>
          <textarea
            id={reasonId}
            value={reason}
            rows={3}
            {...describedBy(reasonId, reasonError)}
            onChange={(e) => setReason(e.target.value)}
          />
          <FieldError id={reasonId} message={reasonError} />
          <div className="toolbar">
            <button type="submit" className="button primary" disabled={pending}>
              Return verdict
            </button>
            <button type="button" className="button" onClick={() => setReturning(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {a.signOff === "RETURNED" && hasRole(props.viewer.role, "REVIEWER") && (
        <button type="button" className="button" disabled={pending} onClick={() => decide("RESUBMIT")}>
          Submit again for sign-off
        </button>
      )}
    </section>
  );
}
