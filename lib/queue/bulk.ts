import "server-only";
import { requireMember, visibleAnnotations } from "@/lib/access";
import { parseInput } from "@/lib/api/handler";
import { updateAnnotation, type TUpdateAnnotationParsed } from "@/lib/annotations/mutations";
import type { TAnnotation } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import { AppError, type TAppErrorBody } from "@/lib/errors";
import { MAX_BULK_ROWS, ZBulkRequest, type TBulkRequest, type TBulkResult, type TBulkRowResult } from "@/lib/queue/schemas";

/** Rows changed at once: enough to finish 200 rows quickly without taking the connection pool. */
const CONCURRENCY = 4;

/** Parses a bulk request: more than 200 rows is 413 before anything else is looked at; otherwise 400/422 as usual. */
export function parseBulkRequest(input: unknown): TBulkRequest {
  const items = typeof input === "object" && input !== null ? (input as { items?: unknown }).items : undefined;
  if (Array.isArray(items) && items.length > MAX_BULK_ROWS) {
    const message = `At most ${MAX_BULK_ROWS} rows per request`;
    throw new AppError("PAYLOAD_TOO_LARGE", message, { items: message });
  }
  return parseInput(ZBulkRequest, input);
}

function changeOf(request: TBulkRequest): Omit<TUpdateAnnotationParsed, "version"> {
  switch (request.action) {
    case "assign":
      return { assigneeId: request.assigneeId };
    case "status":
      return { status: request.status };
    case "checklist":
      return { onChecklist: request.onChecklist };
  }
}

/** A row's refusal as the queue shows it: the rule's own words, and for a stale row who changed it. */
function rowError(error: unknown): TAppErrorBody {
  if (!(error instanceof AppError)) {
    console.error(error);
    return { code: "UNAVAILABLE", message: "Something went wrong; this row was not saved" };
  }
  const body = error.toBody();
  if (body.code === "CONFLICT" && body.current) {
    return { ...body, message: `Changed by ${(body.current as TAnnotation).updatedBy.name} since you loaded the page` };
  }
  const reason = body.fields ? Object.values(body.fields)[0] : undefined;
  return reason ? { ...body, message: reason } : body;
}

/**
 * Applies one action to many annotations, each through updateAnnotation against the version the
 * client showed: every row is its own transaction with its own event and its own rules (evidence,
 * sign-off, assignee role), so one refused or stale row leaves the others done. The caller must be
 * REVIEWER or above in every workspace the rows belong to (403 for the whole request otherwise,
 * nothing changed); a row that is not visible is a per-row 404, the same as one that does not exist.
 */
export async function bulkUpdate(options: { userId: string; request: TBulkRequest }): Promise<TBulkResult> {
  const { userId, request } = options;
  const visible = await db().annotation.findMany({
    where: { id: { in: request.items.map((i) => i.id) }, deletedAt: null, ...visibleAnnotations(userId) },
    select: { workspaceId: true },
    distinct: ["workspaceId"],
  });
  for (const { workspaceId } of visible) await requireMember({ userId, workspaceId, role: "REVIEWER" });

  const change = changeOf(request);
  const results: TBulkRowResult[] = new Array(request.items.length);
  let next = 0;
  async function worker() {
    for (let i = next++; i < request.items.length; i = next++) {
      const item = request.items[i];
      try {
        const updated = await updateAnnotation({ userId, annotationId: item.id, input: { version: item.version, ...change } });
        results[i] = { id: item.id, ok: true, changed: updated.version !== item.version };
      } catch (error) {
        results[i] = { id: item.id, ok: false, error: rowError(error) };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, request.items.length) }, worker));
  return { results };
}
