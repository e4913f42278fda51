import { apiRoute, json, readJson } from "@/lib/api/handler";
import { setChain } from "@/lib/annotations/chain";
import { ZSetChain } from "@/lib/annotations/schemas";

export const PUT = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZSetChain);
  return json(await setChain({ userId: user.id, annotationId: params.id, input }));
});
