import { apiRoute, json, parseInput } from "@/lib/api/handler";
import { readCommentJson } from "@/lib/comments/http";
import { deleteComment, editComment } from "@/lib/comments/mutations";
import { ZDeleteComment, ZEditComment } from "@/lib/comments/schemas";

/** Edits one's own comment, body `{ version, html }`; 409 with `current` when stale. */
export const PATCH = apiRoute(async ({ req, user, params }) => {
  const input = await readCommentJson(req, ZEditComment);
  return json(await editComment({ userId: user.id, commentId: params.id, input }));
});

/**
 * Deletes a comment (soft), `DELETE /api/v1/comments/:id?version=N`: the version goes in the
 * query, since DELETE bodies are dropped by some clients and proxies. Returns the comment as it
 * now stands (deleted, without its words); 409 with `current` when stale.
 */
export const DELETE = apiRoute(async ({ req, user, params }) => {
  const raw = new URL(req.url).searchParams.get("version");
  const input = parseInput(ZDeleteComment, { version: raw === null || raw === "" ? undefined : Number(raw) });
  return json(await deleteComment({ userId: user.id, commentId: params.id, input }));
});
