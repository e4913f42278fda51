import { apiRoute, json } from "@/lib/api/handler";
import { requireSessionCaller } from "@/lib/session";
import { revokeToken } from "@/lib/tokens/mutations";

/** Revokes one of the caller's own tokens (404 for anyone else's); returns it marked revoked. Session only. */
export const DELETE = apiRoute(async ({ user, caller, params }) => {
  requireSessionCaller(caller, "Revoking a token");
  return json(await revokeToken({ userId: user.id, tokenId: params.id }));
});
