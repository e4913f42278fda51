"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { mergeSource, undoMerge } from "@/lib/sources/merge";
import { ZMergeSource, type TMergeResult } from "@/lib/sources/registry-schemas";

export async function mergeSourceAction(sourceId: string, input: unknown): Promise<TResult<TMergeResult>> {
  return runAction((user) => mergeSource({ userId: user.id, sourceId, ...parseInput(ZMergeSource, input) }));
}

export async function undoMergeAction(mergeId: string): Promise<TResult<TMergeResult>> {
  return runAction((user) => undoMerge({ userId: user.id, mergeId }));
}
