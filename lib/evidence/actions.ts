"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { addEvidence, removeEvidence, updateEvidence } from "@/lib/evidence/mutations";
import { listEvidence } from "@/lib/evidence/queries";
import { ZCreateEvidence, ZUpdateEvidence, type TEvidence, type TEvidenceChange } from "@/lib/evidence/schemas";

// Each write returns the annotation too: the change bumped its version, and the reading view
// keeps that version for its next save. Nothing is revalidated (the view applies results itself).

export async function listEvidenceAction(annotationId: string): Promise<TResult<TEvidence[]>> {
  return runAction((user) => listEvidence({ userId: user.id, annotationId }));
}

export async function addEvidenceAction(annotationId: string, input: unknown): Promise<TResult<TEvidenceChange>> {
  return runAction((user) => addEvidence({ userId: user.id, annotationId, input: parseInput(ZCreateEvidence, input) }));
}

/** A stale item version comes back as `{ ok: false, error: { code: "CONFLICT", message, current } }`. */
export async function updateEvidenceAction(evidenceId: string, input: unknown): Promise<TResult<TEvidenceChange>> {
  return runAction((user) => updateEvidence({ userId: user.id, evidenceId, input: parseInput(ZUpdateEvidence, input) }));
}

export async function removeEvidenceAction(evidenceId: string): Promise<TResult<TEvidenceChange>> {
  return runAction((user) => removeEvidence({ userId: user.id, evidenceId }));
}
