import "server-only";
import { requireMember, visibleAnnotations, visibleDocuments } from "@/lib/access";
import { annotationEventSelect, annotationSelect, presentAnnotation, presentAnnotationEvent, type TAnnotationRow } from "@/lib/annotations/present";
import type { TAnnotation, TAnnotationEvent, TPerson } from "@/lib/annotations/schemas";
import { db, sqlColumns } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { labelSelect } from "@/lib/sources/present";
import { sourceRowsByIds } from "@/lib/sources/queries";
import type { TStatus } from "@/lib/statuses";

/** The document if the user may see it (a live document of one of their workspaces), else 404. */
export async function visibleDocument(options: { userId: string; documentId: string }) {
  const doc = await db().document.findFirst({ where: { id: options.documentId, ...visibleDocuments(options.userId) }, select: { id: true, workspaceId: true, pageStarts: true } });
  if (!doc) throw notFound("Document not found");
  return doc;
}

/** The columns of a select (the keys set to `true`), without its relations. */
type TColumnsOf<T> = { [K in keyof T as T[K] extends true ? K : never]: true };

function columnsOf<T extends Record<string, unknown>>(select: T): TColumnsOf<T> {
  return Object.fromEntries(Object.entries(select).filter(([, value]) => value === true)) as TColumnsOf<T>;
}

/** An annotation's own columns as annotationSelect has them, plus the ids its people are loaded by. */
const listRowSelect = { ...columnsOf(annotationSelect), createdById: true, updatedById: true, assigneeId: true, verdictById: true, signedOffById: true } as const;

type TListRow = Prisma.AnnotationGetPayload<{ select: typeof listRowSelect }>;

/** listRowSelect as SQL: the same column names, so the rows have the shape Prisma would give them. */
const LIST_COLUMNS = sqlColumns(listRowSelect);

/** Which of a document's live annotations: all, or those of the given statuses and/or one source. */
export type TDocumentAnnotationsFilter = { documentId: string; statuses?: readonly TStatus[]; sourceId?: string; needsRecheck?: boolean };

/**
 * The live annotations of a document (optionally of some statuses or one source) in reading order. Plain
 * SQL: for 2,000 rows Prisma's findMany took twice as long as the query itself, mapping each value.
 */
export function annotationRows(options: TDocumentAnnotationsFilter): Promise<TListRow[]> {
  const status = options.statuses?.length ? Prisma.sql`AND "status" = ANY(${[...options.statuses]}::"VerificationStatus"[])` : Prisma.empty;
  const source = options.sourceId ? Prisma.sql`AND "sourceId" = ${options.sourceId}` : Prisma.empty;
  const recheck = options.needsRecheck ? Prisma.sql`AND "needsRecheck"` : Prisma.empty;
  return db().$queryRaw<TListRow[]>`
    SELECT ${LIST_COLUMNS} FROM "Annotation"
    WHERE "documentId" = ${options.documentId} AND "deletedAt" IS NULL ${status} ${source} ${recheck}
    ORDER BY "start", "end", "createdAt", "id"`;
}

/** How many rows of `rows` each annotation id has. */
function countsBy(rows: ReadonlyArray<{ annotationId: string; _count: { _all: number } }>): Map<string, number> {
  return new Map(rows.map((row) => [row.annotationId, row._count._all]));
}

/**
 * What a document's live annotations carry besides their own columns, each read once for the whole
 * document (no list of 2,000 ids): evidence and comment counts by annotation, and each annotation's
 * chain hops in order with their source's title. Shared by the API list, the reports and the reading view.
 */
export async function documentAnnotationExtras(documentId: string) {
  const ofDocument = { annotation: { documentId, deletedAt: null } };
  const [evidence, comments, hops] = await Promise.all([
    db().evidence.groupBy({ by: ["annotationId"], where: { deletedAt: null, ...ofDocument }, _count: { _all: true } }),
    db().comment.groupBy({ by: ["annotationId"], where: { deletedAt: null, ...ofDocument }, _count: { _all: true } }),
    db().chainHop.findMany({
      where: ofDocument,
      orderBy: [{ annotationId: "asc" }, { position: "asc" }],
      select: { annotationId: true, sourceId: true, locator: true, note: true, source: { select: labelSelect } },
    }),
  ]);
  const chainOf = new Map<string, typeof hops>();
  for (const hop of hops) {
    const chain = chainOf.get(hop.annotationId);
    if (chain) chain.push(hop);
    else chainOf.set(hop.annotationId, [hop]);
  }
  return { evidenceCount: countsBy(evidence), commentCount: countsBy(comments), chainOf };
}

type TPersonIds = { createdById: string; updatedById: string; assigneeId: string | null; verdictById: string | null; signedOffById: string | null };

/** The people annotation rows name (creator, last editor, assignee, verdict giver, signer), each loaded once. */
export async function peopleOf(rows: readonly TPersonIds[]): Promise<Map<string, TPerson>> {
  const ids = new Set<string>();
  for (const row of rows) for (const id of [row.createdById, row.updatedById, row.assigneeId, row.verdictById, row.signedOffById]) if (id) ids.add(id);
  const people = await peopleByIds([...ids]);
  return new Map(people.map((person) => [person.id, person]));
}

/** People by id as annotations, evidence and comments show them, in one query (none for no ids). */
export async function peopleByIds(ids: readonly string[]): Promise<TPerson[]> {
  return ids.length > 0 ? db().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } }) : [];
}

/**
 * The live annotations of a visible document in reading order (start, then end, then age), as
 * annotationSelect would load them, in three round trips whatever their number: the rows (index on
 * documentId, deletedAt, start), with the document's evidence and comment counts and chain hops
 * beside them, then the people and sources they name, each loaded once by id. (Selecting the
 * relations made Prisma send one query per relation with every annotation's key in it: 10 queries
 * and over 100 ms for 2,000 annotations, most of it lists of the same few people.)
 */
export async function listAnnotations(options: { userId: string; documentId: string; status?: TStatus; sourceId?: string; needsRecheck?: boolean }): Promise<TAnnotation[]> {
  const doc = await visibleDocument(options);
  return documentAnnotations({ documentId: doc.id, statuses: options.status ? [options.status] : undefined, sourceId: options.sourceId, needsRecheck: options.needsRecheck, pageStarts: doc.pageStarts });
}

/**
 * listAnnotations without the visibility check, for callers that made it (the reports). The counts
 * are read per document, never with Prisma's `_count`, which groups the whole Evidence and Comment
 * tables of every workspace, and took 1.5 s for 2,000 annotations before PostgreSQL had statistics
 * on freshly written rows.
 */
export async function documentAnnotations(filter: TDocumentAnnotationsFilter & { pageStarts?: readonly number[] }): Promise<TAnnotation[]> {
  const [rows, { evidenceCount, commentCount, chainOf }, pageStarts] = await Promise.all([
    annotationRows(filter),
    documentAnnotationExtras(filter.documentId),
    filter.pageStarts ?? db().document.findUniqueOrThrow({ where: { id: filter.documentId }, select: { pageStarts: true } }).then((d) => d.pageStarts),
  ]);
  const document = { pageStarts: [...pageStarts] };
  const sourceIds = new Set<string>();
  for (const row of rows) if (row.sourceId) sourceIds.add(row.sourceId);
  const [personById, sources] = await Promise.all([
    peopleOf(rows),
    sourceRowsByIds([...sourceIds]),
  ]);

  const sourceById = new Map(sources.map((source) => [source.id, source]));
  // Rows name their people by foreign keys, so createdBy and updatedBy are always found.
  const person = (id: string) => personById.get(id) as TAnnotationRow["createdBy"];
  const optionalPerson = (id: string | null) => (id ? (personById.get(id) ?? null) : null);

  // The relations are set on the rows themselves: copying 2,000 rows of 40 fields with a spread
  // took longer than the query.
  return rows.map((row) =>
    presentAnnotation(
      Object.assign(row, {
        source: row.sourceId ? (sourceById.get(row.sourceId) ?? null) : null,
        createdBy: person(row.createdById),
        updatedBy: person(row.updatedById),
        _count: { evidence: evidenceCount.get(row.id) ?? 0, comments: commentCount.get(row.id) ?? 0 },
        chain: chainOf.get(row.id) ?? [],
        assignee: optionalPerson(row.assigneeId),
        verdictBy: optionalPerson(row.verdictById),
        signedOffBy: optionalPerson(row.signedOffById),
        document,
      }),
    ),
  );
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
