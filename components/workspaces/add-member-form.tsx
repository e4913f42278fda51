"use client";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { ROLES, ROLE_DESCRIPTIONS } from "@/lib/roles";
import { addMemberAction } from "@/lib/workspaces/actions";

export function AddMemberForm({ workspaceId }: { workspaceId: string }) {
  const [state, action, pending] = useFormAction(addMemberAction.bind(null, workspaceId));
  const fields = state && !state.ok ? (state.error.fields ?? {}) : {};
  return (
    <div className="stack">
      <form onSubmit={action} noValidate className="inline-form">
        <label htmlFor="member-email">Email</label>
        <input id="member-email" name="email" type="email" required {...describedBy("member-email", fields.email)} />
        <label htmlFor="member-role">Role</label>
        <select id="member-role" name="role" defaultValue="REVIEWER" {...describedBy("member-role", fields.role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r} — {ROLE_DESCRIPTIONS[r]}
            </option>
          ))}
        </select>
        <button type="submit" className="button primary" disabled={pending}>
          Add member
        </button>
        <FieldError id="member-email" message={fields.email} />
        <FieldError id="member-role" message={fields.role} />
      </form>
      {state && !state.ok && !state.error.fields && (
        <p role="alert" className="error">
          {state.error.message}
        </p>
      )}
      {state?.ok && (
        <div role="status" className="notice">
          <p>
            Added {state.data.email} as {state.data.role}.
          </p>
          {state.data.oneTimePassword && (
            <p>
              New account. One-time password, shown only now: <code className="secret">{state.data.oneTimePassword}</code>. Send it to them privately; they choose their own at first sign-in.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
