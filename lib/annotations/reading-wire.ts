/**
 * The reading view's initial annotations, packed: the page embeds them in its HTML, so with 2,000
 * annotations every repeated key, person and quote costs parse time in the browser. One row (an
 * array) per annotation holds what every annotation has; whatever differs from its default goes in
 * an optional extras object; people are sent once and referred to by index; the quote is left out
 * when it is the text between start and end (it always is for a placed annotation). Pure, shared by
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
}>;

/** id, start, end, status (index in STATUSES), version, createdBy, updatedBy (people), createdAt, updatedAt (ms), sourceId, extras. */
export type TPackedRow = [string, number, number, number, number, number, number, number, number, string | null, TExtras?];

export type TPackedAnnotations = {
  documentId: string;
  workspaceId: string;
  documentRevision: number;
  people: TPerson[];
  rows: TPackedRow[];
};

/** Slices a text by code-point offsets in O(1) per slice (a table of UTF-16 offsets for texts with astral characters). */
function codePointSlicer(text: string): (start: number, end: number) => string {
  if (isBmpOnly(text)) return (start, end) => text.slice(start, end);
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    units.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  units.push(text.length);
  const at = (cp: number) => units[Math.max(0, Math.min(cp, units.length - 1))];
  return (start, end) => text.slice(at(start), at(end));
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
    const row: TPackedRow = [
      a.id,
      a.start,
      a.end,
      STATUS_INDEX.get(a.status) ?? 0,
      a.version,
      person(a.createdBy),
      person(a.updatedBy),
      Date.parse(a.createdAt),
      Date.parse(a.updatedAt),
      a.sourceId,
    ];
    if (Object.keys(extras).length) row.push(extras);
    return row;
  });
  return { documentId: document.id, workspaceId: document.workspaceId, documentRevision: document.revision, people, rows };
}

/** The reading view's annotations from their packed form; sources by id (the page sends the workspace's sources once). */
export function unpackAnnotations(packed: TPackedAnnotations, text: string, sources: ReadonlyMap<string, TSource>): TAnnotationView[] {
  const slice = codePointSlicer(text);
  const { people } = packed;
  const personAt = (i: number | undefined) => (i === undefined ? null : people[i]);
  return packed.rows.map(([id, start, end, status, version, createdBy, updatedBy, createdAt, updatedAt, sourceId, x = {}]) => ({
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
    updatedAt: new Date(updatedAt).toISOString(),
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
  }));
}
