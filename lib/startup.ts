import "server-only";
import { authSecretProblem } from "@/lib/auth/production-secret";

/**
 * Run once when a production server starts (instrumentation.ts): an unsafe configuration ends the
 * process with one clear line instead of serving forgeable sessions, or failing on every sign-in.
 */
export function refuseUnsafeStart() {
  const problem = authSecretProblem(process.env);
  if (!problem) return;
  console.error(`[provenant] refusing to start: ${problem}`);
  process.exit(1);
}
