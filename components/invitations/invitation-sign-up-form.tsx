"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import type { TAppErrorBody } from "@/lib/errors";
import { signUpWithInvitationAction } from "@/lib/invitations/accept-actions";

/** Chooses a name and password for the invited e-mail, then signs in with them and opens the workspace. */
export function InvitationSignUpForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const fields = error?.fields ?? {};

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signUpWithInvitationAction(token, null, form);
    if (!result.ok) {
      setError(result.error);
      setPending(false);
      return;
    }
    const signedIn = await signIn("credentials", { email: result.data.email, password: form.get("password"), redirect: false });
    router.replace(signedIn?.ok && !signedIn.error ? `/workspaces/${result.data.workspaceId}` : "/login");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <div className="field">
        <label htmlFor="invitee-name">Your name</label>
        <input id="invitee-name" name="name" autoComplete="name" required {...describedBy("invitee-name", fields.name)} />
        <FieldError id="invitee-name" message={fields.name} />
      </div>
      <div className="field">
        <label htmlFor="invitee-password">Choose a password</label>
        <input id="invitee-password" name="password" type="password" autoComplete="new-password" minLength={12} required {...describedBy("invitee-password", fields.password)} />
        <FieldError id="invitee-password" message={fields.password} />
      </div>
      <div className="field">
        <label htmlFor="invitee-confirm">Repeat the password</label>
        <input id="invitee-confirm" name="confirm" type="password" autoComplete="new-password" required {...describedBy("invitee-confirm", fields.confirm)} />
        <FieldError id="invitee-confirm" message={fields.confirm} />
      </div>
      {error && !error.fields && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? "Creating your account…" : "Create my account and join"}
      </button>
    </form>
  );
}
