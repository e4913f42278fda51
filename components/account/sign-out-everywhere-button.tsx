"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { signOutEverywhereAction } from "@/lib/workspaces/actions";

/** Ends every session of the user (the server's session version goes up), then signs this browser out. */
export function SignOutEverywhereButton() {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function onClick() {
    setPending(true);
    const result = await signOutEverywhereAction();
    if (!result.ok) {
      setProblem(result.error.message);
      setPending(false);
      return;
    }
    await signOut({ callbackUrl: "/login" });
  }
  return (
    <div className="stack">
      <button type="button" className="button" onClick={onClick} disabled={pending}>
        Sign out everywhere
      </button>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
