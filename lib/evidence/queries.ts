import "server-only";
import { visibleAnnotations, visibleEvidence } from "@/lib/access";
import type { TPerson } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { evidenceSelect, presentEvidence, type TEvidenceRow } from "@/lib/evidence/present";
import type { TEvidence } from "@/lib/evidence/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Presents rows with their creators, read in one query for the whole batch. */
async function present(rows: TEvidenceRow[]): Promise<TEvidence[]> {
  const ids = [...new Set(rows.map((r) => r.createdById))];
  const people = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map<string, TPerson>(people.map((p) => [p.id, p]));
  return rows.map((row) => presentEvidence(row, byId));
}

export async function findEvidence(where: Prisma.EvidenceWhereInput): Promise<TEvidence[]> {
  return present(await db().evidence.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: evidenceSelect }));
}

/** The live evidence of a live, visible annotation, oldest first; any member reads it, others get 404. */
export async function listEvidence(options: { userId: string; annotationId: string }): Promise<TEvidence[]> {
  const found = await db().annotation.findFirst({ where: { id: options.annotationId, deletedAt: null, ...visibleAnnotations(options.userId) }, select: { id: true } });
  if (!found) throw notFound("Annotation not found");
  return findEvidence({ annotationId: found.id, deletedAt: null });
}

/** One live evidence item of a live, visible annotation. */
export async function getEvidence(options: { userId: string; evidenceId: string }): Promise<TEvidence> {
  const [item] = await findEvidence({ id: options.evidenceId, ...visibleEvidence(options.userId) });
  if (!item) throw notFound("Evidence not found");
  return item;
}
