"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TAnnotation } from "@/lib/annotations/schemas";
import type { TResult } from "@/lib/errors";
import { createRevision, type TNewRevision } from "@/lib/revisions/mutations";
import { recheckAnnotation } from "@/lib/revisions/recheck";
import { ZCreateRevision, ZRecheck } from "@/lib/revisions/schemas";

/** "Checked again": clears an annotation's "needs re-check" flag (REVIEWER and up). */
export async function recheckAction(annotationId: string, input: unknown): Promise<TResult<TAnnotation>> {
  return runAction((user) => recheckAnnotation({ userId: user.id, annotationId, ...parseInput(ZRecheck, input) }));
}

/** Saves the text edited in the reading view as a new revision (EDITOR and up), against the revision it was edited on. */
export async function createRevisionAction(documentId: string, input: unknown): Promise<TResult<TNewRevision>> {
  return runAction((user) => createRevision({ userId: user.id, documentId, input: parseInput(ZCreateRevision, input) }));
}
