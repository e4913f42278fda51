"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { createSource, updateSource } from "@/lib/sources/mutations";
import { ZCreateSource, ZUpdateSource, type TSource } from "@/lib/sources/schemas";

/** For the source picker's "new source" form; the picker adds the result to its own list. */
export async function createSourceAction(input: unknown): Promise<TResult<TSource>> {
  return runAction((user) => createSource({ userId: user.id, input: parseInput(ZCreateSource, input) }));
}

/** For the registry's edit form, against the version the form was opened with. */
export async function updateSourceAction(sourceId: string, input: unknown): Promise<TResult<TSource>> {
  return runAction((user) => updateSource({ userId: user.id, sourceId, input: parseInput(ZUpdateSource, input) }));
}
