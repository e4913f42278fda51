/**
 * The reading view's initial annotations, packed: the page embeds them in its HTML, so with 2,000
 * annotations every repeated key, person and quote costs parse time in the browser. One row (an
 * array) per annotation holds what every annotation has; whatever differs from its default goes in
 * an optional extras object; people are sent once and referred to by index; the quote is left out
 * when it is the text between start and end (it always is for a placed annotation); numbers are sent
 * small: a span's length rather than its end, times in ms after the earliest creation and the update
 * after the creation (0 for an annotation never changed). Pure, shared by
 * the page (pack) and the annotator (unpack); `unpack(pack(x))` equals `x` field for field.
 */
import { isBmpOnly } from "@/lib/anchoring/code-points";
import type { TAnnotationView, TAnnotationWire, TChainHop, TPerson } from "@/lib/annotations/schemas";
import type { TSource } from "@/lib/sources/schemas";
import { STATUSES, type TSignOffState } from "@/lib/statuses";

/** Fields most annotations leave at their default; a row carries only those that differ. */
type TExtras = Partial<{
  exact: string;
  documentRevision: number;
  locator: string;
  attributionText: string;
  note: string;
  deletedAt: string;
  evidenceCount: number;
  chain: TChainHop[];
  assignee: number;
  onChecklist: boolean;
  verdictBy: number;
  verdictAt: string;
  signOff: TSignOffState;
  signedOffBy: number;
  signedOffAt: string;
  signOffNote: string;
  commentCount: number;
  threadResolved: boolean;
  orphaned: boolean;
  needsRecheck: boolean;
  anchorSimilarity: number;
}>;

/**
 * id, start, length (end - start), status (index in STATUSES), version, createdBy, updatedBy (people),
 * createdAt (ms after `since`), updatedAt (ms after createdAt), sourceId, extras.
 */
export type TPackedRow = [string, number, number, number, number, number, number, number, number, string | null, TExtras?];

export type TPackedAnnotations = {
  documentId: string;
  workspaceId: string;
  documentRevision: number;
  /** The earliest createdAt, in ms since the epoch (0 without annotations): the rows' times count from it. */
  since: number;
  people: TPerson[];
  rows: TPackedRow[];
};

/**
 * Slices a text by code-point offsets. Texts with astral characters (two UTF-16 units each) keep the
 * code-point offsets of those characters, found by a native regular expression scan, and convert an
 * offset by a binary search among them: cheaper to build than a table of every offset of a 200 KB
 * text, which the browser would build while the reading view opens.
 */
function codePointSlicer(text: string): (start: number, end: number) => string {
  if (isBmpOnly(text)) return (start, end) => text.slice(start, end);
  // The code-point offset of each astral character, ascending: the one found at unit u after k others is at u - k.
  const astral: number[] = [];
  for (const match of text.matchAll(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)) astral.push(match.index - astral.length);
  /** UTF-16 offset of a code-point offset: one more unit for each astral character before it. */
  const unit = (cp: number) => {
    let low = 0;
    let high = astral.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (astral[mid] < cp) low = mid + 1;
      else high = mid;
    }
    return Math.max(0, cp) + low;
  };
  return (start, end) => text.slice(unit(start), unit(end));
}

const STATUS_INDEX = new Map(STATUSES.map((s, i) => [s, i]));

/** Packs a document's annotations (all of one document, sources by id) for the reading view. */
export function packAnnotations(list: readonly TAnnotationWire[], text: string, document: { id: string; workspaceId: string; revision: number }): TPackedAnnotations {
  const slice = codePointSlicer(text);
  const people: TPerson[] = [];
  const personIndex = new Map<string, number>();
  const person = (p: TPerson) => {
    let i = personIndex.get(p.id);
    if (i === undefined) {
      i = people.push({ id: p.id, name: p.name, email: p.email }) - 1;
      personIndex.set(p.id, i);
    }
    return i;
  };
  const since = list.reduce((min, a) => Math.min(min, Date.parse(a.createdAt)), Infinity);
  const base = Number.isFinite(since) ? since : 0;
  const rows = list.map((a): TPackedRow => {
    const extras: TExtras = {};
    if (a.orphaned || a.exact !== slice(a.start, a.end)) extras.exact = a.exact;
    if (a.documentRevision !== document.revision) extras.documentRevision = a.documentRevision;
    if (a.locator) extras.locator = a.locator;
    if (a.attributionText) extras.attributionText = a.attributionText;
    if (a.note) extras.note = a.note;
    if (a.deletedAt) extras.deletedAt = a.deletedAt;
    if (a.evidenceCount) extras.evidenceCount = a.evidenceCount;
    if (a.chain.length) extras.chain = a.chain;
    if (a.assignee) extras.assignee = person(a.assignee);
    if (a.onChecklist) extras.onChecklist = true;
    if (a.verdictBy) extras.verdictBy = person(a.verdictBy);
    if (a.verdictAt) extras.verdictAt = a.verdictAt;
    if (a.signOff !== "NONE") extras.signOff = a.signOff;
    if (a.signedOffBy) extras.signedOffBy = person(a.signedOffBy);
    if (a.signedOffAt) extras.signedOffAt = a.signedOffAt;
    if (a.signOffNote) extras.signOffNote = a.signOffNote;
    if (a.commentCount) extras.commentCount = a.commentCount;
    if (a.threadResolved) extras.threadResolved = true;
    if (a.orphaned) extras.orphaned = true;
    if (a.needsRecheck) extras.needsRecheck = true;
    if (a.anchorSimilarity !== null) extras.anchorSimilarity = a.anchorSimilarity;
    const row: TPackedRow = [
      a.id,
      a.start,
      a.end - a.start,
      STATUS_INDEX.get(a.status) ?? 0,
      a.version,
      person(a.createdBy),
      person(a.updatedBy),
      Date.parse(a.createdAt) - base,
      Date.parse(a.updatedAt) - Date.parse(a.createdAt),
      a.sourceId,
    ];
    if (Object.keys(extras).length) row.push(extras);
    return row;
  });
  return { documentId: document.id, workspaceId: document.workspaceId, documentRevision: document.revision, since: base, people, rows };
}

/** The reading view's annotations from their packed form; sources by id (the page sends the workspace's sources once). */
export function unpackAnnotations(packed: TPackedAnnotations, text: string, sources: ReadonlyMap<string, TSource>): TAnnotationView[] {
  const slice = codePointSlicer(text);
  const { people } = packed;
  const personAt = (i: number | undefined) => (i === undefined ? null : people[i]);
  return packed.rows.map(([id, start, length, status, version, createdBy, updatedBy, created, updated, sourceId, x = {}]) => {
    const end = start + length;
    const createdAt = packed.since + created;
    return {
      id,
      documentId: packed.documentId,
      workspaceId: packed.workspaceId,
      documentRevision: x.documentRevision ?? packed.documentRevision,
      start,
      end,
      exact: x.exact ?? slice(start, end),
      status: STATUSES[status],
      source: sourceId ? (sources.get(sourceId) ?? null) : null,
      locator: x.locator ?? "",
      attributionText: x.attributionText ?? "",
      note: x.note ?? "",
      version,
      createdBy: people[createdBy],
      updatedBy: people[updatedBy],
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(createdAt + updated).toISOString(),
      deletedAt: x.deletedAt ?? null,
      evidenceCount: x.evidenceCount ?? 0,
      chain: x.chain ?? [],
      assignee: personAt(x.assignee),
      onChecklist: x.onChecklist ?? false,
      verdictBy: personAt(x.verdictBy),
      verdictAt: x.verdictAt ?? null,
      signOff: x.signOff ?? "NONE",
      signedOffBy: personAt(x.signedOffBy),
      signedOffAt: x.signedOffAt ?? null,
      signOffNote: x.signOffNote ?? "",
      commentCount: x.commentCount ?? 0,
      threadResolved: x.threadResolved ?? false,
      orphaned: x.orphaned ?? false,
      needsRecheck: x.needsRecheck ?? false,
      anchorSimilarity: x.anchorSimilarity ?? null,
    };
  });
}
