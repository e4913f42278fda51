import { apiRoute, json, readJson } from "@/lib/api/handler";
import { mergeSource } from "@/lib/sources/merge";
import { ZMergeSource } from "@/lib/sources/registry-schemas";

/** `{ intoId }`: merges this source into the one kept; 202 with the merge RUNNING when a heavily cited source is merged in the background. */
export const POST = apiRoute(async ({ req, user, params }) => {
  const { intoId } = await readJson(req, ZMergeSource);
  const merge = await mergeSource({ userId: user.id, sourceId: params.id, intoId });
  if (merge.state === "RUNNING") return json({ merge }, { status: 202, headers: { Location: `/api/v1/source-merges/${encodeURIComponent(merge.id)}` } });
  return json({ merge });
});
