import { apiRoute, json, readJson } from "@/lib/api/handler";
import { requireSessionCaller } from "@/lib/session";
import { createToken } from "@/lib/tokens/mutations";
import { listTokens } from "@/lib/tokens/queries";
import { ZCreateToken } from "@/lib/tokens/schemas";

/** The caller's own personal API tokens, newest first, revoked ones marked; never the secrets. */
export const GET = apiRoute(async ({ user }) => json({ tokens: await listTokens({ userId: user.id }) }));

/** `{ name, scope: "READ" | "READ_WRITE" }` → 201 with `token`, shown this once. Session only: a token cannot mint tokens (403). */
export const POST = apiRoute(async ({ req, user, caller }) => {
  requireSessionCaller(caller, "Creating a token");
  const input = await readJson(req, ZCreateToken);
  return json(await createToken({ userId: user.id, input }), { status: 201 });
});
