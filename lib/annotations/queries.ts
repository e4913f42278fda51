import "server-only";
import { requireMember, visibleAnnotations, visibleDocuments } from "@/lib/access";
import { annotationEventSelect, annotationSelect, presentAnnotation, presentAnnotationEvent } from "@/lib/annotations/present";
import type { TAnnotation, TAnnotationEvent } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { TStatus } from "@/lib/statuses";

async function visibleDocument(options: { userId: string; documentId: string }) {
  const doc = await db().document.findFirst({ where: { id: options.documentId, ...visibleDocuments(options.userId) }, select: { id: true, workspaceId: true } });
  if (!doc) throw notFound("Document not found");
  return doc;
}

/**
 * The live annotations of a visible document in reading order (start, then end, then age). One
 * findMany with the source and people selected: no per-annotation queries, so a document with
 * thousands of annotations loads in one go (index on documentId, deletedAt, start).
 */
export async function listAnnotations(options: { userId: string; documentId: string; status?: TStatus; sourceId?: string }): Promise<TAnnotation[]> {
  const doc = await visibleDocument(options);
  const rows = await db().annotation.findMany({
    where: {
      documentId: doc.id,
      deletedAt: null,
      ...(options.status ? { status: options.status } : {}),
      ...(options.sourceId ? { sourceId: options.sourceId } : {}),
    },
    orderBy: [{ start: "asc" }, { end: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: annotationSelect,
  });
  return rows.map(presentAnnotation);
}

/** Deleted annotations of a document, most recently deleted first, for editors and owners to restore. */
export async function listDeletedAnnotations(options: { userId: string; documentId: string }): Promise<TAnnotation[]> {
  const doc = await visibleDocument(options);
  await requireMember({ userId: options.userId, workspaceId: doc.workspaceId, role: "EDITOR" });
  const rows = await db().annotation.findMany({
    where: { documentId: doc.id, deletedAt: { not: null } },
    orderBy: [{ deletedAt: "desc" }, { id: "asc" }],
    select: annotationSelect,
  });
  return rows.map(presentAnnotation);
}

/** A live annotation; a deleted one is 404 like one of another workspace. */
export async function getAnnotation(options: { userId: string; annotationId: string }): Promise<TAnnotation> {
  const row = await db().annotation.findFirst({
    where: { id: options.annotationId, deletedAt: null, ...visibleAnnotations(options.userId) },
    select: annotationSelect,
  });
  if (!row) throw notFound("Annotation not found");
  return presentAnnotation(row);
}

/** The history of an annotation, oldest first; kept readable after a delete. */
export async function listAnnotationEvents(options: { userId: string; annotationId: string }): Promise<TAnnotationEvent[]> {
  const found = await db().annotation.findFirst({ where: { id: options.annotationId, ...visibleAnnotations(options.userId) }, select: { id: true } });
  if (!found) throw notFound("Annotation not found");
  const rows = await db().annotationEvent.findMany({ where: { annotationId: found.id }, orderBy: { id: "asc" }, select: annotationEventSelect });
  return rows.map(presentAnnotationEvent);
}
