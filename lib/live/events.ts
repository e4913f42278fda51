import "server-only";
import { annotationSelect, presentAnnotation } from "@/lib/annotations/present";
import type { TAnnotationEventType } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TLiveEvent } from "@/lib/live/schemas";

const liveEventSelect = {
  id: true,
  type: true,
  createdAt: true,
  workspaceId: true,
  documentId: true,
  annotationId: true,
  actor: { select: { id: true, name: true, email: true } },
  // As it stands now, deleted ones included: the client keeps whichever version is newest.
  annotation: { select: annotationSelect },
} as const satisfies Prisma.AnnotationEventSelect;

type TLiveEventRow = Prisma.AnnotationEventGetPayload<{ select: typeof liveEventSelect }>;

function presentLiveEvent(row: TLiveEventRow): TLiveEvent {
  return {
    id: row.id.toString(),
    type: row.type as TAnnotationEventType,
    annotationId: row.annotationId,
    documentId: row.documentId,
    workspaceId: row.workspaceId,
    actor: { id: row.actor.id, name: row.actor.name, email: row.actor.email },
    createdAt: row.createdAt.toISOString(),
    annotation: row.annotation ? presentAnnotation(row.annotation) : null,
  };
}

/**
 * Events as streams deliver them, oldest first, in one query with their annotations and actors.
 * Events of deleted documents are left out: nobody may see those documents any more. Callers
 * scope `where` (by ids, document or workspace); authorization happened when the stream opened.
 */
export async function readLiveEvents(options: { where: Prisma.AnnotationEventWhereInput; take?: number }): Promise<TLiveEvent[]> {
  const rows = await db().annotationEvent.findMany({
    where: { AND: [options.where, { annotation: { document: { deletedAt: null } } }] },
    orderBy: { id: "asc" },
    take: options.take,
    select: liveEventSelect,
  });
  return rows.map(presentLiveEvent);
}
