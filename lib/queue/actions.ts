"use server";
import { runAction } from "@/lib/actions";
import type { TResult } from "@/lib/errors";
import { bulkUpdate, parseBulkRequest } from "@/lib/queue/bulk";
import type { TBulkResult } from "@/lib/queue/schemas";

// The queue refreshes itself (router.refresh) after the results arrive, so nothing is revalidated here.

/** Bulk assign, set status or checklist on the queue's selected rows; per-row results (lib/queue/bulk.ts). */
export async function bulkQueueAction(input: unknown): Promise<TResult<TBulkResult>> {
  return runAction((user) => bulkUpdate({ userId: user.id, request: parseBulkRequest(input) }));
}
