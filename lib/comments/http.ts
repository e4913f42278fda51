import "server-only";
import type { z } from "zod";
import { readJson } from "@/lib/api/handler";
import { MAX_COMMENT_BODY_BYTES } from "@/lib/comments/schemas";
import { AppError } from "@/lib/errors";

/**
 * Reads a comment route's JSON body with a cap far below the API's general one: 413 when the
 * declared length is over it. A body sent without a length is still held to the general cap, and
 * its HTML to MAX_COMMENT_HTML by the mutation.
 */
export async function readCommentJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_COMMENT_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_COMMENT_BODY_BYTES / 1024} KB`);
  return readJson(req, schema);
}
