"use server";
import { runAction } from "@/lib/actions";
import { annotationHistory } from "@/lib/annotations/activity";
import type { THistoryData } from "@/lib/annotations/history";
import type { TResult } from "@/lib/errors";

/** An annotation's events, oldest first, with the names they mention; any member may read them. */
export async function annotationHistoryAction(annotationId: string): Promise<TResult<THistoryData>> {
  return runAction((user) => annotationHistory({ userId: user.id, annotationId }));
}
