"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { getMerge, mergeSource, undoMerge } from "@/lib/sources/merge";
import { ZMergeSource, type TMergeResult } from "@/lib/sources/registry-schemas";

export async function mergeSourceAction(sourceId: string, input: unknown): Promise<TResult<TMergeResult>> {
  return runAction((user) => mergeSource({ userId: user.id, sourceId, ...parseInput(ZMergeSource, input) }));
}

export async function undoMergeAction(mergeId: string): Promise<TResult<TMergeResult>> {
  return runAction((user) => undoMerge({ userId: user.id, mergeId }));
}

/** A background merge's progress, polled by the merge form. */
export async function mergeProgressAction(mergeId: string): Promise<TResult<TMergeResult>> {
  return runAction((user) => getMerge({ userId: user.id, mergeId }));
}
