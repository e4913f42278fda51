"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { changePasswordAction } from "@/lib/workspaces/actions";

/** `askCurrent` is false only for the forced first change after a one-time password. */
export function ChangePasswordForm({ askCurrent }: { askCurrent: boolean }) {
  const router = useRouter();
  const [state, action, pending] = useFormAction(changePasswordAction);
  const fields = state && !state.ok ? (state.error.fields ?? {}) : {};
  useEffect(() => {
    if (state?.ok) {
      router.replace("/documents");
      router.refresh();
    }
  }, [state, router]);
  return (
    <form onSubmit={action} noValidate className="stack">
      {askCurrent && (
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input id="current-password" name="current" type="password" autoComplete="current-password" required {...describedBy("current-password", fields.current)} />
          <FieldError id="current-password" message={fields.current} />
        </div>
      )}
      <div className="field">
        <label htmlFor="new-password">New password</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={12} required {...describedBy("new-password", fields.password)} />
        <FieldError id="new-password" message={fields.password} />
      </div>
      <div className="field">
        <label htmlFor="confirm-password">Repeat the new password</label>
        <input id="confirm-password" name="confirm" type="password" autoComplete="new-password" required {...describedBy("confirm-password", fields.confirm)} />
        <FieldError id="confirm-password" message={fields.confirm} />
      </div>
      <p className="muted">Saving signs out every other session of yours.</p>
      <label>
        <input type="checkbox" name="revokeTokens" /> Also revoke my API tokens
      </label>
      <button type="submit" className="button primary" disabled={pending}>
        Save password
      </button>
    </form>
  );
}
