"use client";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { formatDateTime } from "@/lib/format";
import { inviteMemberAction } from "@/lib/invitations/actions";
import { ROLES, ROLE_DESCRIPTIONS } from "@/lib/roles";

/**
 * Invites a member by e-mail. The answer is the same whether or not the e-mail has an account: a
 * link shown this once, for the owner to send privately.
 */
export function InviteMemberForm({ workspaceId }: { workspaceId: string }) {
  const [state, action, pending] = useFormAction(inviteMemberAction.bind(null, workspaceId));
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
          Invite
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
            Invited {state.data.invitation.email} as {state.data.invitation.role}. Invitation link, shown only now:{" "}
            <code className="secret">{new URL(state.data.path, window.location.origin).href}</code>
          </p>
          <p>
            Send it to them privately. It works once, until {formatDateTime(new Date(state.data.invitation.expiresAt))}: they accept it with their account, or choose a password there if they have none.
          </p>
        </div>
      )}
    </div>
  );
}
