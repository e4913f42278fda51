import "server-only";
import { requireMember, visibleAnnotations } from "@/lib/access";
import { snapshotSelect } from "@/lib/annotations/events";
import { annotationSelect, presentAnnotation } from "@/lib/annotations/present";
import type { TAnnotation } from "@/lib/annotations/schemas";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";

/*
 * Building blocks shared by the writes of an annotation and of what hangs off it (evidence, chain).
 *
 * Inside a transaction only scalar columns are read: Prisma fetches relations of one read
 * concurrently, which on a transaction's single pg connection warns now and fails with pg 9
 * (prisma/orm#29407). The presented annotation is read after the commit instead; it is always
 * consistent with its own version, even when another change has landed since.
 */
export const writeSelect = { id: true, workspaceId: true, documentId: true, version: true, ...snapshotSelect } as const;

/** Locks the row for the rest of the transaction, so the snapshot read next is the one changed. */
export async function lockAnnotation(tx: TTx, annotationId: string) {
  await tx.$queryRaw`SELECT id FROM "Annotation" WHERE id = ${annotationId} FOR UPDATE`;
  return tx.annotation.findUnique({ where: { id: annotationId }, select: writeSelect });
}

export async function readAnnotation(annotationId: string): Promise<TAnnotation> {
  return presentAnnotation(await db().annotation.findUniqueOrThrow({ where: { id: annotationId }, select: annotationSelect }));
}

/** Thrown inside a transaction to roll it back when the version matched no row. */
export class StaleVersion extends Error {}

/** A live (not deleted) visible annotation for a write, with the caller's role checked: 404, then 403. */
export async function liveAnnotationForWrite(options: { userId: string; annotationId: string }) {
  const row = await db().annotation.findFirst({
    where: { id: options.annotationId, deletedAt: null, ...visibleAnnotations(options.userId) },
    select: writeSelect,
  });
  if (!row) throw notFound("Annotation not found");
  await requireMember({ userId: options.userId, workspaceId: row.workspaceId, role: "REVIEWER" });
  return row;
}

/** The 409 for a stale version, carrying the annotation as it now stands; 404 if it was deleted meanwhile. */
export async function staleVersion(annotationId: string): Promise<AppError> {
  const current = await db().annotation.findUnique({ where: { id: annotationId }, select: annotationSelect });
  if (!current || current.deletedAt) return notFound("Annotation not found");
  return new AppError("CONFLICT", `This annotation was changed by ${current.updatedBy.name}`, undefined, { current: presentAnnotation(current) });
}

/**
 * Inside a transaction: bumps a live annotation's version for a change to its evidence or chain,
 * so its optimistic concurrency sees those changes too. Locks the row first, so evidence writes
 * and status changes of one annotation run one after another (the status rule reads the evidence
 * under this lock). Returns the annotation as it was before and its new version.
 */
export async function bumpForChange(tx: TTx, options: { annotationId: string; userId: string }) {
  const locked = await lockAnnotation(tx, options.annotationId);
  if (!locked || locked.deletedAt) throw notFound("Annotation not found");
  const { version } = await tx.annotation.update({
    where: { id: options.annotationId },
    data: { updatedById: options.userId, version: { increment: 1 } },
    select: { version: true },
  });
  return { annotation: locked, version };
}

/** A source of the workspace that has not been merged away, else a 422 on `field`. */
export async function requireWorkspaceSource(tx: TTx, options: { workspaceId: string; sourceId: string; field: string }): Promise<string> {
  const found = await tx.source.findFirst({ where: { id: options.sourceId, workspaceId: options.workspaceId, mergedIntoId: null }, select: { id: true } });
  if (!found) throw new AppError("VALIDATION", "Unknown source", { [options.field]: "Choose a source of this workspace" });
  return found.id;
}
