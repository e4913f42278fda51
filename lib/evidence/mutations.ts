import "server-only";
import { requireMember, visibleEvidence } from "@/lib/access";
import { recordAnnotationEvent } from "@/lib/annotations/events";
import { bumpForChange, liveAnnotationForWrite, readAnnotation, reopenSignOff, requireWorkspaceSource } from "@/lib/annotations/writes";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { EVIDENCE_FIELDS, evidenceSnapshot, evidenceSnapshotSelect, type TEvidenceSnapshot } from "@/lib/evidence/present";
import { findEvidence } from "@/lib/evidence/queries";
import {
  emptyEvidenceProblem,
  MAX_EVIDENCE_PER_ANNOTATION,
  type TCreateEvidenceParsed,
  type TEvidenceChange,
  type TUpdateEvidenceParsed,
} from "@/lib/evidence/schemas";
import { lastEvidenceProblem, needsEvidence } from "@/lib/statuses";

/*
 * Every evidence write runs in one transaction that first locks the annotation and bumps its
 * version (bumpForChange), then changes the item and records one EVIDENCE_* event with the
 * annotation's new version. So a client holding an older annotation version gets 409 on its next
 * PATCH, and the status rule (which counts evidence under the same lock) cannot race a removal.
 * A signed-off verdict goes back to sign-off (reopenSignOff) with a second event.
 */

async function readChange(evidenceId: string, annotationId: string): Promise<TEvidenceChange> {
  const [evidence] = await findEvidence({ id: evidenceId });
  return { evidence, annotation: await readAnnotation(annotationId) };
}

/** A live item of a live, visible annotation for a write, with the caller's role checked: 404, then 403. */
async function evidenceForWrite(options: { userId: string; evidenceId: string }) {
  const row = await db().evidence.findFirst({
    where: { id: options.evidenceId, ...visibleEvidence(options.userId) },
    select: { ...evidenceSnapshotSelect, annotationId: true, workspaceId: true, version: true },
  });
  if (!row) throw notFound("Evidence not found");
  await requireMember({ userId: options.userId, workspaceId: row.workspaceId, role: "REVIEWER" });
  return row;
}

/** The 409 for a stale evidence version, carrying the item as it now stands; 404 if it was removed meanwhile. */
async function staleEvidence(evidenceId: string): Promise<AppError> {
  const [current] = await findEvidence({ id: evidenceId, deletedAt: null });
  if (!current) return notFound("Evidence not found");
  return new AppError("CONFLICT", `This evidence was changed by someone else (version ${current.version})`, undefined, { current });
}

async function lockEvidence(tx: TTx, evidenceId: string) {
  await tx.$queryRaw`SELECT id FROM "Evidence" WHERE id = ${evidenceId} FOR UPDATE`;
  return tx.evidence.findUnique({ where: { id: evidenceId }, select: { ...evidenceSnapshotSelect, version: true } });
}

/** Adds an evidence item to a live annotation; REVIEWER or above. */
export async function addEvidence(options: { userId: string; annotationId: string; input: TCreateEvidenceParsed }): Promise<TEvidenceChange> {
  const { userId, annotationId, input } = options;
  const target = await liveAnnotationForWrite({ userId, annotationId });
  const id = await db().$transaction(async (tx) => {
    const { annotation, version } = await bumpForChange(tx, { annotationId, userId });
    const live = await tx.evidence.count({ where: { annotationId, deletedAt: null } });
    if (live >= MAX_EVIDENCE_PER_ANNOTATION) throw new AppError("VALIDATION", `An annotation takes at most ${MAX_EVIDENCE_PER_ANNOTATION} evidence items`);
    const sourceId = input.sourceId ? await requireWorkspaceSource(tx, { workspaceId: target.workspaceId, sourceId: input.sourceId, field: "sourceId" }) : null;
    const row = await tx.evidence.create({
      data: { ...input, sourceId, workspaceId: target.workspaceId, annotationId, createdById: userId },
      select: evidenceSnapshotSelect,
    });
    await recordAnnotationEvent(tx, { annotation, type: "EVIDENCE_ADDED", actorId: userId, version, before: null, after: evidenceSnapshot(row) });
    await reopenSignOff(tx, { annotation, userId, version });
    return row.id;
  });
  return readChange(id, annotationId);
}

/**
 * Edits an evidence item against the item's own version (409 with the item as it stands when
 * stale). A change that changes nothing returns the item as it is, without an event or a bump.
 */
export async function updateEvidence(options: { userId: string; evidenceId: string; input: TUpdateEvidenceParsed }): Promise<TEvidenceChange> {
  const { userId, evidenceId, input } = options;
  const found = await evidenceForWrite({ userId, evidenceId });
  if (input.version !== found.version) throw await staleEvidence(evidenceId);

  const before = evidenceSnapshot(found);
  const next: TEvidenceSnapshot = { ...before };
  for (const field of EVIDENCE_FIELDS) if (input[field] !== undefined) Object.assign(next, { [field]: input[field] });
  const changed = EVIDENCE_FIELDS.filter((field) => next[field] !== before[field]);
  if (changed.length === 0) return readChange(evidenceId, found.annotationId);
  const empty = emptyEvidenceProblem(next);
  if (empty) throw new AppError("VALIDATION", empty.message, { [empty.field]: empty.message });

  await db().$transaction(async (tx) => {
    const { annotation, version } = await bumpForChange(tx, { annotationId: found.annotationId, userId });
    const locked = await lockEvidence(tx, evidenceId);
    if (!locked || locked.deletedAt) throw notFound("Evidence not found");
    if (locked.version !== input.version) throw await staleEvidence(evidenceId);
    if (next.sourceId && next.sourceId !== before.sourceId) await requireWorkspaceSource(tx, { workspaceId: found.workspaceId, sourceId: next.sourceId, field: "sourceId" });
    const data = Object.fromEntries(changed.map((field) => [field, next[field]]));
    const row = await tx.evidence.update({ where: { id: evidenceId }, data: { ...data, version: { increment: 1 } }, select: evidenceSnapshotSelect });
    await recordAnnotationEvent(tx, { annotation, type: "EVIDENCE_UPDATED", actorId: userId, version, before: evidenceSnapshot(locked), after: evidenceSnapshot(row) });
    await reopenSignOff(tx, { annotation, userId, version });
  });
  return readChange(evidenceId, found.annotationId);
}

/**
 * Removes an evidence item (soft: it stays in the history). The last live item of an annotation
 * whose status needs evidence (lib/statuses.ts) stays: 409, since the request is well formed but
 * conflicts with the annotation's current status; change the status or add other evidence first.
 */
export async function removeEvidence(options: { userId: string; evidenceId: string }): Promise<TEvidenceChange> {
  const { userId, evidenceId } = options;
  const found = await evidenceForWrite({ userId, evidenceId });
  await db().$transaction(async (tx) => {
    const { annotation, version } = await bumpForChange(tx, { annotationId: found.annotationId, userId });
    const locked = await lockEvidence(tx, evidenceId);
    if (!locked || locked.deletedAt) throw notFound("Evidence not found");
    if (needsEvidence(annotation.status) && (await tx.evidence.count({ where: { annotationId: found.annotationId, deletedAt: null } })) <= 1) {
      throw new AppError("CONFLICT", lastEvidenceProblem(annotation.status));
    }
    const row = await tx.evidence.update({ where: { id: evidenceId }, data: { deletedAt: new Date(), version: { increment: 1 } }, select: evidenceSnapshotSelect });
    await recordAnnotationEvent(tx, { annotation, type: "EVIDENCE_REMOVED", actorId: userId, version, before: evidenceSnapshot(locked), after: evidenceSnapshot(row) });
    await reopenSignOff(tx, { annotation, userId, version });
  });
  return readChange(evidenceId, found.annotationId);
}
