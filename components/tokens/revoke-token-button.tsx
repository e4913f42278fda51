"use client";
import { useState, useTransition } from "react";
import { revokeTokenAction } from "@/lib/tokens/actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function revoke() {
    if (!window.confirm(`Revoke the token “${name}”? Scripts using it stop working at once.`)) return;
    setError(null);
    startTransition(async () => {
      const result = await revokeTokenAction(id);
      if (!result.ok) setError(result.error.message);
    });
  }
  return (
    <>
      <button type="button" className="button danger" disabled={pending} aria-label={`Revoke ${name}`} onClick={revoke}>
        Revoke
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
