/**
 * Next.js calls register() once when a server starts. The checks live in a Node-only module so the
 * Edge bundle of this file never sees process.exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { guardForwardingHeaders, refuseUnsafeStart } = await import("@/lib/startup");
  refuseUnsafeStart();
  guardForwardingHeaders();
}
