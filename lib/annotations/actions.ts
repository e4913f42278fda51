"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import { setChain } from "@/lib/annotations/chain";
import { createAnnotation, deleteAnnotation, restoreAnnotation, updateAnnotation } from "@/lib/annotations/mutations";
import { listDeletedAnnotations } from "@/lib/annotations/queries";
import { ZCreateAnnotation, ZSetChain, ZSignOff, ZUpdateAnnotation, type TAnnotation } from "@/lib/annotations/schemas";
import { signOffAnnotation } from "@/lib/annotations/sign-off";
import type { TResult } from "@/lib/errors";

// The reading view keeps its own list of annotations and applies each result itself, so these
// actions revalidate nothing (a re-render of the page would refetch every annotation).

export async function createAnnotationAction(documentId: string, input: unknown): Promise<TResult<TAnnotation>> {
  return runAction((user) => createAnnotation({ userId: user.id, documentId, input: parseInput(ZCreateAnnotation, input) }));
}

/** A stale version comes back as `{ ok: false, error: { code: "CONFLICT", message, current } }`. */
export async function updateAnnotationAction(annotationId: string, input: unknown): Promise<TResult<TAnnotation>> {
  return runAction((user) => updateAnnotation({ userId: user.id, annotationId, input: parseInput(ZUpdateAnnotation, input) }));
}

export async function deleteAnnotationAction(annotationId: string): Promise<TResult<TAnnotation>> {
  return runAction((user) => deleteAnnotation({ userId: user.id, annotationId }));
}

export async function restoreAnnotationAction(annotationId: string): Promise<TResult<TAnnotation>> {
  return runAction((user) => restoreAnnotation({ userId: user.id, annotationId }));
}

export async function listDeletedAnnotationsAction(documentId: string): Promise<TResult<TAnnotation[]>> {
  return runAction((user) => listDeletedAnnotations({ userId: user.id, documentId }));
}

/** Replaces the attribution chain against the annotation's version (409 with `current` when stale). */
export async function setChainAction(annotationId: string, input: unknown): Promise<TResult<TAnnotation>> {
  return runAction((user) => setChain({ userId: user.id, annotationId, input: parseInput(ZSetChain, input) }));
}

/** Confirm, return or resubmit a verdict (lib/annotations/sign-off.ts); 409 with `current` when stale. */
export async function signOffAction(annotationId: string, input: unknown): Promise<TResult<TAnnotation>> {
  return runAction((user) => signOffAnnotation({ userId: user.id, annotationId, input: parseInput(ZSignOff, input) }));
}
