import { apiRoute, json, readJson } from "@/lib/api/handler";
import { setThreadResolved } from "@/lib/comments/mutations";
import { ZSetThread } from "@/lib/comments/schemas";

/** Resolves or reopens the thread, body `{ version, resolved }` (the annotation's version); returns the annotation. */
export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZSetThread);
  return json(await setThreadResolved({ userId: user.id, annotationId: params.id, input }));
});
