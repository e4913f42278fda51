import { apiRoute, json, readJson } from "@/lib/api/handler";
import { mergeSource } from "@/lib/sources/merge";
import { ZMergeSource } from "@/lib/sources/registry-schemas";

/** `{ intoId }`: merges this source into the one kept. */
export const POST = apiRoute(async ({ req, user, params }) => {
  const { intoId } = await readJson(req, ZMergeSource);
  return json({ merge: await mergeSource({ userId: user.id, sourceId: params.id, intoId }) });
});
