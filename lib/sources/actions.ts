"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { createSource } from "@/lib/sources/mutations";
import { ZCreateSource, type TSource } from "@/lib/sources/schemas";

/** For the source picker's "new source" form; the picker adds the result to its own list. */
export async function createSourceAction(input: unknown): Promise<TResult<TSource>> {
  return runAction((user) => createSource({ userId: user.id, input: parseInput(ZCreateSource, input) }));
}
