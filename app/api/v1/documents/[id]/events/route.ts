import { apiRoute, json, parseInput } from "@/lib/api/handler";
import { listDocumentActivity, ZActivityQuery } from "@/lib/annotations/activity";

/** The document's activity feed, newest first: `?before=<nextBefore>&type=<event type>&actor=<user id>`. */
export const GET = apiRoute(async ({ req, user, params }) => {
  const search = new URL(req.url).searchParams;
  // An empty parameter means no filter, as a plain HTML form sends it.
  const query = parseInput(ZActivityQuery, {
    before: search.get("before") || undefined,
    type: search.get("type") || undefined,
    actor: search.get("actor") || undefined,
  });
  return json(await listDocumentActivity({ userId: user.id, documentId: params.id, ...query }));
});
