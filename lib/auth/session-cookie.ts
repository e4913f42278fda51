import "server-only";
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { SESSION_MAX_AGE } from "@/lib/auth/options";

/** next-auth's session cookie, with the __Secure- prefix it takes over HTTPS. */
const NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * Re-issues the caller's own session at `sessionVersion`, after a change that ended every session
 * of theirs (a password change): the others stay ended, this one goes on. Only from a server action
 * or route handler, where cookies can be set; the token is re-encoded as next-auth encodes it.
 */
export async function reissueSession(sessionVersion: number): Promise<void> {
  const jar = await cookies();
  const name = NAMES.find((candidate) => jar.get(candidate));
  const secret = process.env.NEXTAUTH_SECRET;
  if (!name || !secret) return;
  const token = await decode({ token: jar.get(name)?.value, secret });
  if (!token) return;
  jar.set(name, await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE }), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge: SESSION_MAX_AGE,
  });
}
