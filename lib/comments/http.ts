import "server-only";
import type { z } from "zod";
import { readJson } from "@/lib/api/handler";
import { MAX_COMMENT_BODY_BYTES } from "@/lib/comments/schemas";

/**
 * Reads a comment route's JSON body with a cap far below the API's general one: 413 when the
 * declared length is over it, and for a body sent without a length (chunked) as soon as it passes
 * it, so an oversized comment is never read whole. Its HTML is held to MAX_COMMENT_HTML by the
 * mutation, which the server action shares.
 */
export async function readCommentJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return readJson(req, schema, MAX_COMMENT_BODY_BYTES);
}
