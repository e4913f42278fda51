import { apiRoute, json, readJson } from "@/lib/api/handler";
import { recheckAnnotation } from "@/lib/revisions/recheck";
import { ZRecheck } from "@/lib/revisions/schemas";

/** `{ version }`: a reviewer has looked again at an annotation a revision changed; clears "needs re-check". */
export const POST = apiRoute(async ({ req, user, params }) => {
  const { version } = await readJson(req, ZRecheck);
  return json(await recheckAnnotation({ userId: user.id, annotationId: params.id, version }));
});
