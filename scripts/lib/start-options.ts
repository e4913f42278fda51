/** What `npm start` (scripts/start.ts) decides from its arguments and environment; pure. */
import { productionSecretProblem } from "../../lib/auth/production-secret";

/**
 * Seed the demo workspace and its well-known sign-ins into a database given by DATABASE_URL only
 * when asked: `--demo`, or PROVENANT_DEMO=1 (Docker Compose passes it through). The embedded
 * database is always seeded.
 */
export function demoRequested(argv: readonly string[], env: Record<string, string | undefined>): boolean {
  return argv.includes("--demo") || env.PROVENANT_DEMO === "1";
}

/**
 * Why the launcher must refuse the NEXTAUTH_SECRET it was given, before starting anything. Unset is
 * fine: the launcher then keeps a generated one in .data/ (app-env.ts).
 */
export function launcherSecretProblem(env: Record<string, string | undefined>): string | null {
  return env.NEXTAUTH_SECRET === undefined ? null : productionSecretProblem(env.NEXTAUTH_SECRET);
}
