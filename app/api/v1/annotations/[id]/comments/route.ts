import { apiRoute, json } from "@/lib/api/handler";
import { readCommentJson } from "@/lib/comments/http";
import { postComment } from "@/lib/comments/mutations";
import { getThread } from "@/lib/comments/queries";
import { ZCreateComment } from "@/lib/comments/schemas";

/** The annotation's discussion: `{ annotationId, annotationVersion, resolved, resolvedAt, resolvedBy, comments }`. */
export const GET = apiRoute(async ({ user, params }) => json(await getThread({ userId: user.id, annotationId: params.id })));

/** Posts a comment, body `{ html }`; the HTML is sanitized on the server. 201 with the comment. */
export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readCommentJson(req, ZCreateComment);
  return json(await postComment({ userId: user.id, annotationId: params.id, input }), { status: 201 });
});
