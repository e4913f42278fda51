import "server-only";
import { visibleAnnotations, visibleEvidence } from "@/lib/access";
import { peopleByIds } from "@/lib/annotations/queries";
import type { TPerson } from "@/lib/annotations/schemas";
import { db, sqlColumns } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { evidenceSelect, presentEvidence, type TEvidenceRow } from "@/lib/evidence/present";
import type { TEvidence } from "@/lib/evidence/schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import { sourceRowsByIds } from "@/lib/sources/queries";
import type { TStatus } from "@/lib/statuses";

/**
 * Presents rows with their creators and sources, each read in one query for the whole batch
 * (selecting the source relation instead made Prisma map it again on every row: twice the time).
 */
async function present(rows: TEvidenceRow[]): Promise<TEvidence[]> {
  const personIds = [...new Set(rows.map((r) => r.createdById))];
  const sourceIds = [...new Set(rows.flatMap((r) => (r.sourceId ? [r.sourceId] : [])))];
  const [people, sources] = await Promise.all([peopleByIds(personIds), sourceRowsByIds(sourceIds)]);
  const personById = new Map<string, TPerson>(people.map((p) => [p.id, p]));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  return rows.map((row) => presentEvidence(row, personById, sourceById));
}

export async function findEvidence(where: Prisma.EvidenceWhereInput): Promise<TEvidence[]> {
  return present(await db().evidence.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: evidenceSelect }));
}

const EVIDENCE_COLUMNS = sqlColumns(evidenceSelect, "e");

/**
 * The live evidence of a document's live annotations (optionally of some statuses), oldest first,
 * for the reports. Plain SQL, as annotationRows: Prisma's findMany spent 100 ms mapping 2,000 items.
 */
export async function documentEvidence(options: { documentId: string; statuses?: readonly TStatus[] }): Promise<TEvidence[]> {
  const status = options.statuses?.length ? Prisma.sql`AND a."status" = ANY(${[...options.statuses]}::"VerificationStatus"[])` : Prisma.empty;
  const rows = await db().$queryRaw<TEvidenceRow[]>`
    SELECT ${EVIDENCE_COLUMNS} FROM "Evidence" e JOIN "Annotation" a ON a."id" = e."annotationId"
    WHERE a."documentId" = ${options.documentId} AND a."deletedAt" IS NULL AND e."deletedAt" IS NULL ${status}
    ORDER BY e."createdAt", e."id"`;
  return present(rows);
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
