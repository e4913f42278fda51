"use client";
import { useState } from "react";

/** The token just created, with a copy button: the only time it is shown, and it says so. */
export function NewTokenNotice({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, or permission refused): the token stays selectable.
      setCopied("failed");
    }
  }
  return (
    <div role="status" className="notice new-token">
      <p>
        Token “{name}” created. Copy it now: <strong>you will not see it again.</strong>
      </p>
      <p className="toolbar">
        <code className="secret" aria-label="New API token">
          {token}
        </code>
        <button type="button" className="button" onClick={copy}>
          Copy token
        </button>
        <span aria-live="polite">{copied === "yes" ? "Copied" : copied === "failed" ? "Copying failed; select the token and copy it" : ""}</span>
      </p>
      <p className="hint">
        Send it as <code>Authorization: Bearer {token.slice(0, 10)}…</code>. Keep it like a password; revoke it below if it leaks.
      </p>
    </div>
  );
}
