import "server-only";
import { trustedProxyHops } from "@/lib/auth/client-address";
import { installForwardingGuard } from "@/lib/auth/forwarding-guard";
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

/** Unless PV_TRUSTED_PROXY names the proxies in front, clients' forwarding headers are not believed. */
export function guardForwardingHeaders() {
  let hops: number;
  try {
    hops = trustedProxyHops(process.env.PV_TRUSTED_PROXY);
  } catch (error) {
    console.error(`[provenant] refusing to start: ${(error as Error).message}`);
    process.exit(1);
  }
  if (hops === 0) installForwardingGuard();
}
