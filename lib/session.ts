import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type TCurrentUser = { id: string; email: string; name: string; mustChangePassword: boolean };

/**
 * The signed-in user, read from the database on every request (a deleted account loses access at
 * once). Null without a valid session.
 */
export const getCurrentUser = cache(async (): Promise<TCurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, mustChangePassword: true } });
});

/** For pages: the user, or a redirect to /login (and to the password form while a one-time password is in use). */
export async function requirePageUser(options: { allowPasswordChange?: boolean } = {}): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !options.allowPasswordChange) redirect("/account/password");
  return user;
}

/** For route handlers and server actions: the user, or a 401. */
export async function requireApiUser(): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (user.mustChangePassword) throw new AppError("FORBIDDEN", "Choose a new password before continuing");
  return user;
}
