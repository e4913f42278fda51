"use client";
import { useEffect, useRef } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { NewTokenNotice } from "@/components/tokens/new-token-notice";
import { createTokenAction } from "@/lib/tokens/actions";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIMES, TOKEN_SCOPES, TOKEN_SCOPE_INFO } from "@/lib/tokens/schemas";

export function CreateTokenForm() {
  const [state, action, pending] = useFormAction(createTokenAction);
  const form = useRef<HTMLFormElement>(null);
  const fields = state && !state.ok ? (state.error.fields ?? {}) : {};
  useEffect(() => {
    // A created token clears the form for the next one; a refused one keeps what was typed.
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <div className="stack">
      <form ref={form} onSubmit={action} noValidate className="stack token-form">
        <div className="field">
          <label htmlFor="token-name">Token name</label>
          <input
            id="token-name"
            name="name"
            maxLength={100}
            required
            aria-invalid={fields.name ? true : undefined}
            aria-describedby={fields.name ? "token-name-hint token-name-error" : "token-name-hint"}
          />
          <p id="token-name-hint" className="hint">
            What the token is for, e.g. “Nightly export script”.
          </p>
          <FieldError id="token-name" message={fields.name} />
        </div>
        <fieldset className="token-scope" {...describedBy("token-scope", fields.scope)}>
          <legend>Scope</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="choice">
              <input type="radio" name="scope" value={scope} defaultChecked={scope === "READ"} />
              <span>
                <strong>{TOKEN_SCOPE_INFO[scope].label}</strong> — {TOKEN_SCOPE_INFO[scope].meaning}
              </span>
            </label>
          ))}
          <FieldError id="token-scope" message={fields.scope} />
        </fieldset>
        <div className="field">
          <label htmlFor="token-expiry">Expires</label>
          <select id="token-expiry" name="expiresInDays" defaultValue={String(DEFAULT_TOKEN_LIFETIME_DAYS)} {...describedBy("token-expiry", fields.expiresInDays)}>
            {TOKEN_LIFETIMES.map((days) => (
              <option key={days} value={String(days)}>
                In {days} days
              </option>
            ))}
            <option value="never">Never</option>
          </select>
          <FieldError id="token-expiry" message={fields.expiresInDays} />
        </div>
        <div>
          <button type="submit" className="button primary" disabled={pending}>
            Create token
          </button>
        </div>
      </form>
      {state && !state.ok && !state.error.fields && (
        <p role="alert" className="error">
          {state.error.message}
        </p>
      )}
      {state?.ok && <NewTokenNotice name={state.data.name} token={state.data.token} />}
    </div>
  );
}
