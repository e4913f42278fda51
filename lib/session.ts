import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authenticateToken, bearerOf } from "@/lib/tokens/auth";
import type { TTokenScope } from "@/lib/tokens/schemas";

export type TCurrentUser = { id: string; email: string; name: string; mustChangePassword: boolean };

/**
 * The signed-in user, read from the database on every request (a deleted account loses access at
 * once). Null without a valid session, and for a session signed in at an older session version
 * (the password changed, or the user signed out everywhere, since): that session is signed out.
 */
export const getCurrentUser = cache(async (): Promise<TCurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const claims = session?.user as { id?: string; sessionVersion?: number } | undefined;
  if (!claims?.id) return null;
  const row = await db().user.findUnique({ where: { id: claims.id }, select: { id: true, email: true, name: true, mustChangePassword: true, sessionVersion: true } });
  if (!row || row.sessionVersion !== (claims.sessionVersion ?? 1)) return null;
  return { id: row.id, email: row.email, name: row.name, mustChangePassword: row.mustChangePassword };
});

/** For pages: the user, or a redirect to /login (and to the password form while a one-time password is in use). */
export async function requirePageUser(options: { allowPasswordChange?: boolean } = {}): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !options.allowPasswordChange) redirect("/account/password");
  return user;
}

/** For server actions (and route handlers through requireApiCaller): the session's user, or a 401. */
export async function requireApiUser(): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (user.mustChangePassword) throw new AppError("FORBIDDEN", "Choose a new password before continuing");
  return user;
}

/** Who is calling the JSON API: a signed-in browser, or a personal API token (with its scope). */
export type TApiCaller = { user: TCurrentUser; via: "session" } | { user: TCurrentUser; via: "token"; tokenId: string; scope: TTokenScope };

/**
 * For route handlers: the caller of `req`. With `Authorization: Bearer …` the token alone decides
 * (401 when it is not a live token, even if a session cookie came along; 403 for a READ token on a
 * method that writes); without one, the session does. Other schemes (Basic, from a proxy in front)
 * are not ours and are ignored. Server actions stay session-only: they use requireApiUser.
 */
export async function requireApiCaller(req: Request): Promise<TApiCaller> {
  const token = bearerOf(req.headers.get("authorization"));
  if (token === null) return { user: await requireApiUser(), via: "session" };
  const caller = await authenticateToken({ token, method: req.method });
  return { ...caller, via: "token" };
}

/** For what a token must not do (create or revoke tokens): 403 unless the caller is signed in. */
export function requireSessionCaller(caller: TApiCaller, what: string): void {
  if (caller.via === "token") throw new AppError("FORBIDDEN", `${what} needs a signed-in session; an API token cannot do it`);
}

/**
 * For long-lived responses (live streams): throws once the caller's token has been revoked, so a
 * revoked token loses its stream at the next heartbeat. A session caller is checked by the stream's
 * own membership check (the request's cookies are gone once the handler has returned).
 */
export async function recheckCaller(req: Request, caller: TApiCaller): Promise<void> {
  if (caller.via !== "token") return;
  const token = bearerOf(req.headers.get("authorization"));
  await authenticateToken({ token: token ?? "", method: "GET" });
}
