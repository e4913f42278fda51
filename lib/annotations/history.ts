/**
 * An annotation's events in words, for its History section and the document's activity feed.
 * Pure and client-safe. Reads what the writers store (lib/annotations/events.ts and mutations.ts,
 * sign-off.ts, chain.ts, lib/evidence/mutations.ts, lib/sources/merge.ts, the comment thread):
 * annotation snapshot fields (only the changed ones for UPDATED and the sign-off events, full
 * snapshots for CREATED, DELETED and RESTORED), an evidence item's snapshot for EVIDENCE_*,
 * `{ hops }` for CHAIN_SET, `{ commentId, text }` for comments. Ids become names through maps
 * passed in, so one unknown id never breaks a history.
 */
import { shorten } from "@/lib/anchoring/selectors";
import type { TAnnotationEvent, TAnnotationEventType } from "@/lib/annotations/schemas";
import { STANCE_INFO, type TStance } from "@/lib/evidence/schemas";
import { isStatus, SIGN_OFF_INFO, STATUS_INFO, type TSignOffState } from "@/lib/statuses";

/** Labels of sources (lib/sources/label.ts) and names of people by id. */
export type THistoryNames = { sources: ReadonlyMap<string, string>; people: ReadonlyMap<string, string> };

/** A field that changed, both sides in words. */
export type THistoryChange = { field: string; label: string; before: string; after: string };
/** What a create, delete, evidence item or comment was: one value in words. */
export type THistoryFact = { field: string; label: string; value: string };

export type THistoryEntry = {
  id: string;
  type: TAnnotationEventType;
  title: string;
  actor: TAnnotationEvent["actor"];
  createdAt: string;
  version: number;
  changes: THistoryChange[];
  facts: THistoryFact[];
};

/** What an annotation's History loads: its events, and names for the ids they mention. */
export type THistoryData = { events: TAnnotationEvent[]; names: { sources: Record<string, string>; people: Record<string, string> } };

/** Where an annotation was: history fills in the side of a move that an UPDATED event left out. */
export type TSpan = { start: number; end: number; exact: string };

/** One title per event type; also the choices of the activity feed's type filter. */
export const EVENT_TITLES: Record<TAnnotationEventType, string> = {
  CREATED: "Created",
  UPDATED: "Changed",
  DELETED: "Deleted",
  RESTORED: "Restored",
  EVIDENCE_ADDED: "Evidence added",
  EVIDENCE_UPDATED: "Evidence edited",
  EVIDENCE_REMOVED: "Evidence removed",
  CHAIN_SET: "Attribution chain changed",
  SOURCE_MERGED: "Sources merged",
  SOURCE_MERGE_UNDONE: "Source merge undone",
  ASSIGNED: "Assigned",
  SIGNED_OFF: "Signed off",
  SIGN_OFF_RETURNED: "Returned for another look",
  COMMENTED: "Commented",
  COMMENT_EDITED: "Comment edited",
  COMMENT_DELETED: "Comment deleted",
  THREAD_RESOLVED: "Discussion resolved",
  THREAD_REOPENED: "Discussion reopened",
  ANCHOR_SHIFTED: "Moved with a new revision of the text",
  ANCHOR_CHANGED: "Quoted words changed in a new revision of the text",
  ORPHANED: "Lost in a new revision of the text",
  RECHECKED: "Checked again after the text changed",
};

export const EVENT_TYPES = Object.keys(EVENT_TITLES) as TAnnotationEventType[];

const REVISION_FACTS = ["revision", "needsRecheck", "anchorSimilarity", "reason"];

/** Events whose sides are annotation snapshot fields (the others carry evidence, hops or comments). */
const SNAPSHOT_EVENTS: readonly TAnnotationEventType[] = [
  "CREATED",
  "UPDATED",
  "DELETED",
  "RESTORED",
  "ASSIGNED",
  "SIGNED_OFF",
  "SIGN_OFF_RETURNED",
  "SOURCE_MERGED",
  "SOURCE_MERGE_UNDONE",
  "ANCHOR_SHIFTED",
  "ANCHOR_CHANGED",
  "ORPHANED",
  "RECHECKED",
];

const NOTE_LENGTH = 200;
const QUOTE_LENGTH = 80;

type TPayload = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const has = (payload: TPayload | null, field: string) => payload !== null && Object.prototype.hasOwnProperty.call(payload, field);

export function quoted(text: string, max = NOTE_LENGTH): string {
  return `“${shorten(text, max)}”`;
}

/** "characters 120–134 “613 killed”", in code points as the editor's span fields show them. */
export function spanWords(span: Partial<TSpan>): string {
  const where =
    span.start !== undefined && span.end !== undefined
      ? `characters ${span.start}–${span.end}`
      : span.start !== undefined
        ? `from character ${span.start}`
        : span.end !== undefined
          ? `up to character ${span.end}`
          : "";
  const quote = span.exact !== undefined ? quoted(span.exact, QUOTE_LENGTH) : "";
  return [where, quote].filter(Boolean).join(" ") || "unknown span";
}

function sourceWords(id: unknown, names: THistoryNames): string {
  if (typeof id !== "string" || !id) return "No source";
  return names.sources.get(id) ?? "a source no longer listed";
}

function personWords(id: unknown, names: THistoryNames, none = "Nobody"): string {
  if (typeof id !== "string" || !id) return none;
  return names.people.get(id) ?? "a former member";
}

function textWords(v: unknown): string {
  const s = str(v);
  return s.trim() ? quoted(s) : "none";
}

function plainWords(v: unknown): string {
  const s = str(v).trim();
  return s ? shorten(s, NOTE_LENGTH) : "none";
}

/** How each annotation field reads, in the order a history lists them. */
const ANNOTATION_FIELDS: { field: string; label: string; words: (v: unknown, names: THistoryNames) => string }[] = [
  { field: "sourceId", label: "Source", words: sourceWords },
  { field: "locator", label: "Locator", words: plainWords },
  { field: "attributionText", label: "Attribution wording", words: textWords },
  { field: "status", label: "Status", words: (v) => (isStatus(v) ? STATUS_INFO[v].label : "unknown status") },
  { field: "note", label: "Note", words: textWords },
  { field: "assigneeId", label: "Assigned to", words: (v, names) => personWords(v, names) },
  { field: "onChecklist", label: "Checklist", words: (v) => (v === true ? "On the checklist" : "Not on the checklist") },
  { field: "verdictById", label: "Verdict by", words: (v, names) => personWords(v, names) },
  { field: "signOff", label: "Sign-off", words: (v) => signOffWords(v) },
  { field: "signedOffById", label: "Sign-off by", words: (v, names) => personWords(v, names) },
  { field: "signOffNote", label: "Reason", words: textWords },
  { field: "deletedAt", label: "Deleted", words: (v) => (v ? "Deleted" : "Not deleted") },
  { field: "orphaned", label: "Placement", words: (v) => (v === true ? "Not placed in the text" : "Placed in the text") },
];
const SPAN_FIELDS = ["start", "end", "exact"];
const KNOWN_FIELDS = new Set([...SPAN_FIELDS, ...ANNOTATION_FIELDS.map((f) => f.field)]);

function signOffWords(v: unknown): string {
  return typeof v === "string" && v in SIGN_OFF_INFO ? SIGN_OFF_INFO[v as TSignOffState].label : "unknown sign-off state";
}

/** A value of a field this module does not know yet, so a new field shows rather than vanishes. */
function rawWords(v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  return typeof v === "string" ? shorten(v, NOTE_LENGTH) : shorten(JSON.stringify(v), NOTE_LENGTH);
}

const unknownLabel = (field: string) => field.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

/**
 * The fields that differ between two sides, in words. The span (start, end, exact) is one change;
 * the side a move did not record (start or end unchanged) comes from `spanBefore`.
 */
function annotationChanges(before: TPayload, after: TPayload, names: THistoryNames, spanBefore: TSpan | null): THistoryChange[] {
  const changes: THistoryChange[] = [];
  const differs = (field: string) => (has(before, field) || has(after, field)) && JSON.stringify(before[field]) !== JSON.stringify(after[field]);
  if (SPAN_FIELDS.some(differs)) {
    const from = { ...spanBefore, ...pickSpan(before) };
    const to = { ...spanBefore, ...pickSpan(before), ...pickSpan(after) };
    changes.push({ field: "span", label: "Span", before: spanWords(from), after: spanWords(to) });
  }
  for (const f of ANNOTATION_FIELDS) {
    if (differs(f.field)) changes.push({ field: f.field, label: f.label, before: f.words(before[f.field], names), after: f.words(after[f.field], names) });
  }
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!KNOWN_FIELDS.has(field) && differs(field)) changes.push({ field, label: unknownLabel(field), before: rawWords(before[field]), after: rawWords(after[field]) });
  }
  return changes;
}

function pickSpan(payload: TPayload): Partial<TSpan> {
  const out: Partial<TSpan> = {};
  const start = num(payload.start);
  const end = num(payload.end);
  if (start !== null) out.start = start;
  if (end !== null) out.end = end;
  if (typeof payload.exact === "string") out.exact = payload.exact;
  return out;
}

/** What an annotation was, from a full snapshot: where, which source, which status, and what else it had. */
function annotationFacts(snapshot: TPayload, names: THistoryNames): THistoryFact[] {
  const facts: THistoryFact[] = [{ field: "span", label: "Span", value: spanWords(pickSpan(snapshot)) }];
  for (const f of ANNOTATION_FIELDS) {
    if (!has(snapshot, f.field) || f.field === "deletedAt") continue;
    const value = snapshot[f.field];
    // A fresh annotation has no verdict, sign-off, assignee or note yet: say only what it has.
    const empty = value === null || value === "" || value === false || (f.field === "signOff" && value === "NONE");
    if (empty && f.field !== "sourceId" && f.field !== "status") continue;
    facts.push({ field: f.field, label: f.label, value: f.words(value, names) });
  }
  return facts;
}

/** The title of an UPDATED event: each kind of change it made, the first capitalised. */
function updateTitle(before: TPayload, after: TPayload): string {
  const changed = (field: string) => (has(before, field) || has(after, field)) && JSON.stringify(before[field]) !== JSON.stringify(after[field]);
  const parts: string[] = [];
  if (SPAN_FIELDS.some(changed)) parts.push("moved");
  if (changed("sourceId")) parts.push("source changed");
  if (changed("locator")) parts.push("locator changed");
  if (changed("attributionText")) parts.push("attribution wording changed");
  if (changed("status")) parts.push("status changed");
  if (changed("note")) parts.push("note edited");
  if (changed("assigneeId")) parts.push(after.assigneeId ? "assigned" : "unassigned");
  if (changed("onChecklist")) parts.push(after.onChecklist ? "added to the checklist" : "taken off the checklist");
  if (parts.length === 0 && changed("signOff")) {
    // Sign-off fields alone change on a resubmitted verdict (lib/annotations/sign-off.ts, RESUBMIT).
    parts.push(before.signOff === "RETURNED" && after.signOff === "AWAITING" ? "submitted again for sign-off" : "sign-off changed");
  }
  if (parts.length === 0) return EVENT_TITLES.UPDATED;
  const title = parts.join(", ");
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** How each evidence field reads (lib/evidence/present.ts evidenceSnapshot). */
const EVIDENCE_FIELDS: { field: string; label: string; words: (v: unknown, names: THistoryNames) => string }[] = [
  { field: "stance", label: "Stance", words: (v) => (typeof v === "string" && v in STANCE_INFO ? STANCE_INFO[v as TStance].label : "unknown stance") },
  { field: "passage", label: "Passage", words: textWords },
  { field: "passageTranslation", label: "Translation", words: textWords },
  { field: "sourceId", label: "Source", words: sourceWords },
  { field: "locator", label: "Locator", words: plainWords },
  { field: "url", label: "URL", words: plainWords },
  { field: "archivedUrl", label: "Archived URL", words: plainWords },
  { field: "accessedOn", label: "Accessed on", words: plainWords },
  { field: "note", label: "Note", words: textWords },
];

function evidenceFacts(item: TPayload, names: THistoryNames): THistoryFact[] {
  return EVIDENCE_FIELDS.filter((f) => f.field === "stance" || (item[f.field] !== null && item[f.field] !== undefined && item[f.field] !== "")).map((f) => ({
    field: f.field,
    label: f.label,
    value: f.words(item[f.field], names),
  }));
}

function evidenceChanges(before: TPayload, after: TPayload, names: THistoryNames): THistoryChange[] {
  return EVIDENCE_FIELDS.filter((f) => JSON.stringify(before[f.field]) !== JSON.stringify(after[f.field])).map((f) => ({
    field: f.field,
    label: f.label,
    before: f.words(before[f.field], names),
    after: f.words(after[f.field], names),
  }));
}

/** "1. Memorial report, p. 3; 2. Newsweek" (lib/annotations/chain.ts stores `{ hops }`). */
function chainWords(payload: TPayload | null, names: THistoryNames): string {
  const hops = Array.isArray(payload?.hops) ? (payload.hops as TPayload[]) : [];
  if (hops.length === 0) return "none";
  return hops.map((hop, i) => `${i + 1}. ${[sourceWords(hop.sourceId, names), str(hop.locator).trim()].filter(Boolean).join(", ")}`).join("; ");
}

function commentText(event: TAnnotationEvent): string {
  return str(event.after?.text) || str(event.before?.text);
}

/**
 * One event in words. `spanBefore` is where the annotation was before this event, when known:
 * a move records only the offsets that changed, so the other one comes from there.
 */
export function describeEvent(event: TAnnotationEvent, names: THistoryNames, spanBefore: TSpan | null = null): THistoryEntry {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const entry: THistoryEntry = {
    id: event.id,
    type: event.type,
    title: EVENT_TITLES[event.type] ?? unknownLabel(String(event.type).toLowerCase()),
    actor: event.actor,
    createdAt: event.createdAt,
    version: event.version,
    changes: [],
    facts: [],
  };
  switch (event.type) {
    case "CREATED":
      entry.facts = annotationFacts(after, names);
      break;
    case "DELETED":
    case "RESTORED":
      // Full snapshots on both sides: what was removed or brought back, and anything else that differs.
      entry.facts = annotationFacts(event.type === "DELETED" ? before : after, names);
      entry.changes = annotationChanges(before, after, names, spanBefore).filter((c) => c.field !== "deletedAt");
      break;
    case "UPDATED":
      entry.title = updateTitle(before, after);
      entry.changes = annotationChanges(before, after, names, spanBefore);
      break;
    case "ASSIGNED":
      if (has(after, "assigneeId") && !after.assigneeId) entry.title = "Unassigned";
      entry.changes = annotationChanges(before, after, names, spanBefore);
      break;
    case "SIGNED_OFF":
    case "SIGN_OFF_RETURNED":
    case "SOURCE_MERGED":
    case "SOURCE_MERGE_UNDONE":
      entry.changes = annotationChanges(before, after, names, spanBefore);
      break;
    case "EVIDENCE_ADDED":
      entry.facts = evidenceFacts(after, names);
      break;
    case "EVIDENCE_UPDATED":
      entry.changes = evidenceChanges(before, after, names);
      break;
    case "EVIDENCE_REMOVED":
      entry.facts = evidenceFacts(before, names);
      break;
    case "CHAIN_SET":
      entry.title = Array.isArray(after.hops) && after.hops.length === 0 ? "Attribution chain cleared" : EVENT_TITLES.CHAIN_SET;
      entry.changes = [{ field: "hops", label: "Attribution chain", before: chainWords(event.before, names), after: chainWords(after, names) }];
      break;
    case "COMMENTED":
    case "COMMENT_DELETED":
      if (commentText(event)) entry.facts = [{ field: "text", label: "Comment", value: quoted(commentText(event)) }];
      break;
    case "COMMENT_EDITED":
      entry.changes = [{ field: "text", label: "Comment", before: textWords(before.text), after: textWords(after.text) }];
      break;
    case "THREAD_RESOLVED":
    case "THREAD_REOPENED":
      // The title says it all.
      break;
    case "ANCHOR_SHIFTED":
    case "ANCHOR_CHANGED":
    case "ORPHANED":
    case "RECHECKED":
      if (typeof after.revision === "number") entry.facts = [{ field: "revision", label: "Revision", value: `${after.revision}` }];
      if (typeof after.anchorSimilarity === "number") entry.facts.push({ field: "anchorSimilarity", label: "Similarity", value: `${Math.round(after.anchorSimilarity * 100)} %` });
      // The revision and similarity are facts above; the flag is the title's point.
      entry.changes = annotationChanges(before, after, names, spanBefore).filter((c) => !REVISION_FACTS.includes(c.field));
      break;
    default:
      // A type added later: its title from the type's name, and whatever differs.
      entry.changes = annotationChanges(before, after, names, spanBefore);
  }
  return entry;
}

/** The span after an event, from the span before it (null until a CREATED event says where). */
export function nextSpan(span: TSpan | null, event: Pick<TAnnotationEvent, "type" | "after">): TSpan | null {
  if (!SNAPSHOT_EVENTS.includes(event.type)) return span;
  const moved = pickSpan(event.after ?? {});
  if (span === null) return moved.start !== undefined && moved.end !== undefined && moved.exact !== undefined ? (moved as TSpan) : null;
  return { ...span, ...moved };
}

/** A whole history, oldest first, each move read against where the annotation was just before. */
export function describeHistory(events: TAnnotationEvent[], names: THistoryNames): THistoryEntry[] {
  let span: TSpan | null = null;
  return events.map((event) => {
    const entry = describeEvent(event, names, span);
    span = nextSpan(span, event);
    return entry;
  });
}

/** Names for a history: members and sources (by label) the page has, then whatever the server resolved. */
export function historyNames(options: {
  sources?: readonly { id: string; label: string }[];
  members?: readonly { id: string; name: string }[];
  extra?: THistoryData["names"];
}): THistoryNames {
  const sources = new Map(Object.entries(options.extra?.sources ?? {}));
  const people = new Map(Object.entries(options.extra?.people ?? {}));
  for (const s of options.sources ?? []) sources.set(s.id, s.label);
  for (const m of options.members ?? []) people.set(m.id, m.name);
  return { sources, people };
}
