import "server-only";
import { documentAnnotations, peopleByIds, visibleDocument } from "@/lib/annotations/queries";
import type { TAnnotation, TPerson } from "@/lib/annotations/schemas";
import { db } from "@/lib/db";
import { labelOfRow, presentSource } from "@/lib/sources/present";
import { sourceRowsByIds } from "@/lib/sources/queries";
import type { TSource } from "@/lib/sources/schemas";
import type { TStatus } from "@/lib/statuses";

/**
 * The API's list of a document's annotations, kept serialized between requests. Two thousand
 * annotations are about 2 MB of JSON that took 100–150 ms of the process's one thread to read and
 * build; most lists are read far more often than they change.
 *
 * A kept list is served only when nothing it was built from has changed, and that is checked on
 * every request, in the database, not remembered by the writers (no write path can forget to clear
 * it, in this process or another):
 *
 * - the document's annotations (deleted ones too), their evidence, comments and chain hops: every
 *   row's id and `xmin`, the id of the transaction that wrote that version of the row. Any insert,
 *   update or delete of one of them changes the count or the sum of hashes (an update writes a new
 *   row version with a new transaction id). The stamp is read *before* the list is built, so a
 *   change made while it was being built leaves the kept list under an older stamp, which the next
 *   request no longer matches;
 * - the sources and people the list names: loaded again and compared with what the kept list
 *   shows of them (a renamed source or person changes the list without touching any row above).
 *   What it shows is read from the kept list itself, so it cannot be newer than the list.
 *
 * Each process keeps at most MAX_BYTES of lists, least recently used first out.
 */
const MAX_BYTES = 64 * 1024 * 1024;

/** What a kept list shows of the rows outside its stamp: sources (whole, or a chain hop's title) and people. */
type TShown = { sourceIds: string[]; hopSourceIds: string[]; personIds: string[]; shown: string };
type TEntry = TShown & { stamp: string; body: string };

const entries = new Map<string, TEntry>();
let keptBytes = 0;

/** The stamp of everything a document's annotation rows are made of (see above), in one round trip. */
async function annotationsStamp(documentId: string): Promise<string> {
  const [row] = await db().$queryRaw<{ stamp: string }[]>`
    WITH a AS MATERIALIZED (SELECT id, xmin FROM "Annotation" WHERE "documentId" = ${documentId})
    SELECT concat_ws('/',
      (SELECT count(*) || ':' || coalesce(sum(hashtextextended(id || ':' || xmin::text, 0)), 0) FROM a),
      (SELECT count(*) || ':' || coalesce(sum(hashtextextended(e.id || ':' || e.xmin::text, 0)), 0) FROM "Evidence" e WHERE e."annotationId" IN (SELECT id FROM a)),
      (SELECT count(*) || ':' || coalesce(sum(hashtextextended(c.id || ':' || c.xmin::text, 0)), 0) FROM "Comment" c WHERE c."annotationId" IN (SELECT id FROM a)),
      (SELECT count(*) || ':' || coalesce(sum(hashtextextended(h."annotationId" || ':' || h.position || ':' || h.xmin::text, 0)), 0)
         FROM "ChainHop" h WHERE h."annotationId" IN (SELECT id FROM a))
    ) AS stamp`;
  return row.stamp;
}

/** A hop's source as a list shows it: its title and its label (which more of its fields make). */
const hopName = (title: string, label: string) => JSON.stringify([title, label]);

/** One string for the sources and people as a list shows them, ids in order, to compare two lists' views. */
function shownString(sources: ReadonlyMap<string, TSource>, hopNames: ReadonlyMap<string, string>, people: ReadonlyMap<string, TPerson>): string {
  const sorted = <T>(map: ReadonlyMap<string, T>) => [...map.keys()].sort().map((id) => [id, map.get(id)]);
  return JSON.stringify([sorted(sources), sorted(hopNames), sorted(new Map([...people].map(([id, p]) => [id, [p.name, p.email]])))]);
}

/** What a freshly built list shows of its sources and people, read from the list itself. */
function shownIn(annotations: readonly TAnnotation[]): TShown {
  const sources = new Map<string, TSource>();
  const hopNames = new Map<string, string>();
  const people = new Map<string, TPerson>();
  for (const a of annotations) {
    if (a.source) sources.set(a.source.id, a.source);
    for (const hop of a.chain) hopNames.set(hop.sourceId, hopName(hop.title, hop.label));
    for (const person of [a.createdBy, a.updatedBy, a.assignee, a.verdictBy, a.signedOffBy]) if (person) people.set(person.id, person);
  }
  return { sourceIds: [...sources.keys()], hopSourceIds: [...hopNames.keys()], personIds: [...people.keys()], shown: shownString(sources, hopNames, people) };
}

/** The same view of a kept list's sources and people, as the database has them now. */
async function shownNow(kept: TShown): Promise<string> {
  const sourceIds = [...new Set([...kept.sourceIds, ...kept.hopSourceIds])];
  const [sourceRows, personRows] = await Promise.all([sourceRowsByIds(sourceIds), peopleByIds(kept.personIds)]);
  const rowById = new Map(sourceRows.map((row) => [row.id, row]));
  const sources = new Map<string, TSource>();
  const hopNames = new Map<string, string>();
  for (const id of kept.sourceIds) {
    const row = rowById.get(id);
    if (row) sources.set(id, presentSource(row));
  }
  for (const id of kept.hopSourceIds) {
    const row = rowById.get(id);
    if (row) hopNames.set(id, hopName(row.title, labelOfRow(row)));
  }
  return shownString(sources, hopNames, new Map(personRows.map((p) => [p.id, p])));
}

function keep(key: string, entry: TEntry) {
  forget(key);
  if (entry.body.length > MAX_BYTES) return;
  entries.set(key, entry);
  keptBytes += entry.body.length;
  for (const [oldest, old] of entries) {
    if (keptBytes <= MAX_BYTES) break;
    entries.delete(oldest);
    keptBytes -= old.body.length;
  }
}

function forget(key: string) {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  keptBytes -= entry.body.length;
}

/**
 * listAnnotations as the JSON body of the API's answer, `{"annotations":[…]}`: the same content,
 * from the kept copy when it is still exact. The visibility check runs on every call.
 */
export async function listAnnotationsJson(options: { userId: string; documentId: string; status?: TStatus; sourceId?: string; needsRecheck?: boolean }): Promise<string> {
  const doc = await visibleDocument(options);
  const key = `${doc.id}\n${options.status ?? ""}\n${options.sourceId ?? ""}\n${options.needsRecheck ? "recheck" : ""}`;
  const kept = entries.get(key);
  const [stamp, shown] = await Promise.all([annotationsStamp(doc.id), kept ? shownNow(kept) : null]);
  if (kept && kept.stamp === stamp && kept.shown === shown) {
    // Most recently used goes last, so the oldest is the first one out.
    entries.delete(key);
    entries.set(key, kept);
    return kept.body;
  }

  const annotations = await documentAnnotations({
    documentId: doc.id,
    statuses: options.status ? [options.status] : undefined,
    sourceId: options.sourceId,
    needsRecheck: options.needsRecheck,
    pageStarts: doc.pageStarts,
  });
  const body = JSON.stringify({ annotations });
  keep(key, { ...shownIn(annotations), stamp, body });
  return body;
}
