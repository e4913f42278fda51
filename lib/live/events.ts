import "server-only";
import { annotationSelect, presentAnnotation } from "@/lib/annotations/present";
import type { TAnnotationEventType } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TLiveEvent } from "@/lib/live/schemas";

/**
 * A transaction takes its event's id when it writes it and may commit after a later id has
 * committed: replays reach back this far before their starting point (by the events' times), and
 * duplicates are dropped by id (server-side listener and browser alike).
 */
export const REPLAY_OVERLAP_MS = 60_000;
/** A resume that would replay more events than this, or reach back further, is told to resync. */
export const RESUME_MAX_EVENTS = 1000;
export const RESUME_MAX_AGE_MS = 60 * 60_000;

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

export type TResume = { resync: true; latest: string } | { resync: false; overlapSince: Date | null };

/**
 * How a stream resumes after `lastEventId` in `where` (a document or a workspace): a replay, or a
 * resync when what was missed is more than RESUME_MAX_EVENTS events or began more than
 * RESUME_MAX_AGE_MS ago (the client reloads its state instead; `latest` is its new starting point).
 * A replay also reaches back REPLAY_OVERLAP_MS before the starting event, for lower ids committed
 * after it.
 */
export async function planResume(options: { where: Prisma.AnnotationEventWhereInput; lastEventId: string; now?: Date }): Promise<TResume> {
  const last = BigInt(options.lastEventId);
  const after = { AND: [options.where, { id: { gt: last } }] };
  const [missed, oldest, anchor] = await Promise.all([
    db().annotationEvent.count({ where: after, take: RESUME_MAX_EVENTS + 1 }),
    db().annotationEvent.findFirst({ where: after, orderBy: { id: "asc" }, select: { createdAt: true } }),
    db().annotationEvent.findFirst({ where: { AND: [options.where, { id: last }] }, select: { createdAt: true } }),
  ]);
  const now = options.now ?? new Date();
  if (missed > RESUME_MAX_EVENTS || (oldest && oldest.createdAt.getTime() < now.getTime() - RESUME_MAX_AGE_MS)) {
    const latest = await db().annotationEvent.findFirst({ where: options.where, orderBy: { id: "desc" }, select: { id: true } });
    return { resync: true, latest: (latest?.id ?? last).toString() };
  }
  return { resync: false, overlapSince: anchor ? new Date(anchor.createdAt.getTime() - REPLAY_OVERLAP_MS) : null };
}
