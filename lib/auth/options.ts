import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clientAddress, trustedProxyHops } from "@/lib/auth/client-address";
import { appSignInGate } from "@/lib/auth/sign-in-limits";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

/** A token's session version; a token signed before versions existed counts as the first. */
export function sessionVersionOf(token: Record<string, unknown>): number {
  return typeof token.sv === "number" ? token.sv : 1;
}

/** How long a session lasts, for next-auth and for a session re-issued after a password change. */
export const SESSION_MAX_AGE = 12 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = ZCredentials.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const attempt = { email, address: clientAddress(req.headers, trustedProxyHops(process.env.PV_TRUSTED_PROXY)) };
        const gate = appSignInGate();
        if (!(await gate.admit(attempt))) throw new Error("RateLimited");

        const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true } });
        // Unknown email and wrong password take the same path and time, and get the same answer.
        const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
        if (!user || !ok) {
          await gate.failed(attempt);
          return null;
        }
        await gate.succeeded(attempt);
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // The user's session version at sign-in goes into the JWT; lib/session.ts compares it with the
    // database on every read, so a password change or "Sign out everywhere" ends older sessions.
    jwt({ token, user }) {
      if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub, sessionVersion: sessionVersionOf(token) });
      return session;
    },
  },
};
