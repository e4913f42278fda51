import "server-only";
import { z } from "zod";
import { visibleDocuments, visibleSources } from "@/lib/access";
import { EVENT_TYPES, nextSpan, type THistoryData, type TSpan } from "@/lib/annotations/history";
import { annotationEventSelect, presentAnnotationEvent } from "@/lib/annotations/present";
import { listAnnotationEvents } from "@/lib/annotations/queries";
import type { TAnnotationEvent, TAnnotationEventType } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { labelOfRow, labelSelect } from "@/lib/sources/present";

/** Events per page of a document's activity feed. */
export const ACTIVITY_PAGE_SIZE = 50;

/**
 * `?before=&type=&actor=` of the activity feed (page and API). `before` is the id of the oldest
 * event already shown: event ids only grow, so the next page is stable while new events arrive.
 */
export const ZActivityQuery = z.strictObject({
  before: z.string().regex(/^[1-9]\d{0,17}$/, "Use the nextBefore of the previous page").optional(),
  type: z.enum(EVENT_TYPES as [TAnnotationEventType, ...TAnnotationEventType[]], { error: `Use one of ${EVENT_TYPES.join(", ")}` }).optional(),
  actor: z.string().min(1).max(100).optional(),
});
export type TActivityQuery = z.infer<typeof ZActivityQuery>;

/** An event of the feed with the annotation it belongs to (its current quote, and whether it is deleted). */
export type TActivityItem = TAnnotationEvent & {
  annotation: { id: string; exact: string; deleted: boolean };
  /** Where the annotation was before this event, for a move that recorded only one of its ends. */
  spanBefore: TSpan | null;
};

export type TActivityPage = { events: TActivityItem[]; nextBefore: string | null };

type TPayload = Record<string, unknown> | null;

/** Source and people ids an event mentions (snapshots, evidence items, chain hops). */
function mentionedIds(events: Pick<TAnnotationEvent, "before" | "after">[]) {
  const sources = new Set<string>();
  const people = new Set<string>();
  const add = (set: Set<string>, v: unknown) => typeof v === "string" && v && set.add(v);
  for (const side of events.flatMap((e): TPayload[] => [e.before, e.after])) {
    if (!side) continue;
    add(sources, side.sourceId);
    if (Array.isArray(side.hops)) for (const hop of side.hops as TPayload[]) add(sources, hop?.sourceId);
    for (const field of ["assigneeId", "verdictById", "signedOffById"]) add(people, side[field]);
  }
  return { sources: [...sources], people: [...people] };
}

/**
 * Labels and names for the ids events mention, so a history reads in words even for a source
 * merged away since (lists leave those out) or a member who has left.
 */
export async function eventNames(options: { userId: string; events: TAnnotationEvent[] }): Promise<THistoryData["names"]> {
  const ids = mentionedIds(options.events);
  const [sources, people] = await Promise.all([
    ids.sources.length ? db().source.findMany({ where: { id: { in: ids.sources }, ...visibleSources(options.userId) }, select: { id: true, ...labelSelect } }) : [],
    ids.people.length ? db().user.findMany({ where: { id: { in: ids.people } }, select: { id: true, name: true } }) : [],
  ]);
  const names = { sources: {} as Record<string, string>, people: {} as Record<string, string> };
  for (const s of sources) names.sources[s.id] = labelOfRow(s);
  for (const e of options.events) names.people[e.actor.id] = e.actor.name;
  for (const p of people) names.people[p.id] = p.name;
  return names;
}

/** An annotation's history, oldest first, with the names it mentions; readable after a delete too. */
export async function annotationHistory(options: { userId: string; annotationId: string }): Promise<THistoryData> {
  const events = await listAnnotationEvents(options);
  return { events, names: await eventNames({ userId: options.userId, events }) };
}

/** A move that recorded only some of start, end and exact: the rest has to come from earlier events. */
function partialMove(e: TAnnotationEvent): boolean {
  const fields = ["start", "end", "exact"].filter((f) => e.after && f in e.after);
  return e.type === "UPDATED" && fields.length > 0 && fields.length < 3;
}

/** For partial moves on a page: the span before each, folded from the annotation's earlier events. */
async function spansBefore(events: TAnnotationEvent[], annotationOf: Map<string, string>): Promise<Map<string, TSpan | null>> {
  const wanted = events.filter(partialMove);
  const spans = new Map<string, TSpan | null>();
  if (wanted.length === 0) return spans;
  const ids = new Set(wanted.map((e) => e.id));
  const rows = await db().annotationEvent.findMany({
    where: {
      annotationId: { in: [...new Set(wanted.map((e) => annotationOf.get(e.id) as string))] },
      type: { in: ["CREATED", "UPDATED"] },
      id: { lte: BigInt(wanted[0].id) },
    },
    orderBy: { id: "asc" },
    select: { id: true, annotationId: true, type: true, after: true },
  });
  const current = new Map<string, TSpan | null>();
  for (const row of rows) {
    const id = row.id.toString();
    const span = current.get(row.annotationId) ?? null;
    if (ids.has(id)) spans.set(id, span);
    current.set(row.annotationId, nextSpan(span, { type: row.type, after: row.after as Record<string, unknown> }));
  }
  return spans;
}

/** A visible document's title and workspace, for the activity page; 404 otherwise. */
export async function activityDocument(options: { userId: string; documentId: string }) {
  const doc = await db().document.findFirst({
    where: { id: options.documentId, ...visibleDocuments(options.userId) },
    select: { id: true, title: true, workspaceId: true },
  });
  if (!doc) throw notFound("Document not found");
  return doc;
}

/**
 * Events of all the annotations of a visible document (deleted ones included), newest first,
 * 50 a page, filtered by event type and actor. Uses the (documentId, id) index.
 */
export async function listDocumentActivity(options: { userId: string; documentId: string } & TActivityQuery): Promise<TActivityPage> {
  const doc = await activityDocument(options);
  const rows = await db().annotationEvent.findMany({
    where: {
      documentId: doc.id,
      ...(options.before ? { id: { lt: BigInt(options.before) } } : {}),
      ...(options.type ? { type: options.type } : {}),
      ...(options.actor ? { actorId: options.actor } : {}),
    },
    orderBy: { id: "desc" },
    take: ACTIVITY_PAGE_SIZE + 1,
    select: { ...annotationEventSelect, annotation: { select: { id: true, exact: true, deletedAt: true } } },
  });
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  const events = page.map(presentAnnotationEvent);
  const annotationOf = new Map(page.map((row) => [row.id.toString(), row.annotation.id]));
  const spans = await spansBefore(events, annotationOf);
  return {
    events: events.map((event, i) => ({
      ...event,
      annotation: { id: page[i].annotation.id, exact: page[i].annotation.exact, deleted: page[i].annotation.deletedAt !== null },
      spanBefore: spans.get(event.id) ?? null,
    })),
    nextBefore: rows.length > ACTIVITY_PAGE_SIZE ? page[page.length - 1].id.toString() : null,
  };
}
