import "server-only";
import { randomUUID } from "node:crypto";
import { requireMember, visibleAnnotations } from "@/lib/access";
import { quoteSelector, spanProblem } from "@/lib/anchoring/selectors";
import { remapSpans } from "@/lib/revisions/remap";
import { changedFields, recordAnnotationEvent, snapshotOf, snapshotSelect, type TSnapshot } from "@/lib/annotations/events";
import { annotationSelect, presentAnnotation, type TAnnotationRow } from "@/lib/annotations/present";
import type { TAnnotation, TCreateAnnotationParsed } from "@/lib/annotations/schemas";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { notifyChange } from "@/lib/notifications/notify";
import { hasRole, ROLES, type TRole } from "@/lib/roles";
import { insertSource } from "@/lib/sources/mutations";
import { sourceSelect, type TSourceRow } from "@/lib/sources/present";
import { evidenceRuleProblem, isVerdict, type TStatus } from "@/lib/statuses";

/*
 * Building blocks shared by the writes of an annotation and of what hangs off it (evidence, chain).
 *
 * Inside a transaction only scalar columns are read: Prisma fetches relations of one read
 * concurrently, which on a transaction's single pg connection warns now and fails with pg 9
 * (prisma/orm#29407). The presented annotation is read after the commit instead; it is always
 * consistent with its own version, even when another change has landed since.
 */
export const writeSelect = { id: true, workspaceId: true, documentId: true, version: true, ...snapshotSelect } as const;

/** Locks the row for the rest of the transaction, so the snapshot read next is the one changed. */
export async function lockAnnotation(tx: TTx, annotationId: string) {
  await tx.$queryRaw`SELECT id FROM "Annotation" WHERE id = ${annotationId} FOR UPDATE`;
  return tx.annotation.findUnique({ where: { id: annotationId }, select: writeSelect });
}

export async function readAnnotation(annotationId: string): Promise<TAnnotation> {
  return presentAnnotation(await db().annotation.findUniqueOrThrow({ where: { id: annotationId }, select: annotationSelect }));
}

/** Thrown inside a transaction to roll it back when the version matched no row. */
export class StaleVersion extends Error {}

/** A live (not deleted) visible annotation for a write, with the caller's role checked: 404, then 403. */
export async function liveAnnotationForWrite(options: { userId: string; annotationId: string }) {
  const row = await db().annotation.findFirst({
    where: { id: options.annotationId, deletedAt: null, ...visibleAnnotations(options.userId) },
    select: writeSelect,
  });
  if (!row) throw notFound("Annotation not found");
  await requireMember({ userId: options.userId, workspaceId: row.workspaceId, role: "REVIEWER" });
  return row;
}

/** The 409 for a stale version, carrying the annotation as it now stands; 404 if it was deleted meanwhile. */
export async function staleVersion(annotationId: string): Promise<AppError> {
  const current = await db().annotation.findUnique({ where: { id: annotationId }, select: annotationSelect });
  if (!current || current.deletedAt) return notFound("Annotation not found");
  return new AppError("CONFLICT", `This annotation was changed by ${current.updatedBy.name}`, undefined, { current: presentAnnotation(current) });
}

/**
 * Inside a transaction: bumps a live annotation's version for a change to its evidence or chain,
 * so its optimistic concurrency sees those changes too. Locks the row first, so evidence writes
 * and status changes of one annotation run one after another (the status rule reads the evidence
 * under this lock). Returns the annotation as it was before and its new version.
 */
export async function bumpForChange(tx: TTx, options: { annotationId: string; userId: string }) {
  const locked = await lockAnnotation(tx, options.annotationId);
  if (!locked || locked.deletedAt) throw notFound("Annotation not found");
  const { version } = await tx.annotation.update({
    where: { id: options.annotationId },
    data: { updatedById: options.userId, version: { increment: 1 } },
    select: { version: true },
  });
  return { annotation: locked, version };
}

/**
 * The two-person rule over what a verdict rests on (issue 18): a change to the evidence or chain of
 * a verdict that is signed off or awaiting sign-off gives the verdict anew, by `userId`, as a change
 * of its status, source, locator or span does (verdictFields in mutations.ts): it waits for
 * sign-off again where the workspace asks, and whoever changed it cannot sign it off. A returned
 * verdict stays returned (it goes back through RESUBMIT). Inside the change's transaction, after
 * bumpForChange locked the row: writes the sign-off fields and an UPDATED event with them at the
 * change's `version`, beside the change's own event.
 */
export async function reopenSignOff(
  tx: TTx,
  options: { annotation: Awaited<ReturnType<typeof lockAnnotation>> & {}; userId: string; version: number },
): Promise<void> {
  const { annotation, userId } = options;
  if (!isVerdict(annotation.status) || (annotation.signOff !== "CONFIRMED" && annotation.signOff !== "AWAITING")) return;
  const { requireSignOff } = await tx.workspace.findUniqueOrThrow({ where: { id: annotation.workspaceId }, select: { requireSignOff: true } });
  const before = snapshotOf(annotation);
  const next: TSnapshot = { ...before, verdictById: userId, signOff: requireSignOff ? "AWAITING" : "NONE", signedOffById: null, signOffNote: "" };
  const diff = changedFields(before, next);
  if (Object.keys(diff.after).length === 0) return;
  await tx.annotation.update({ where: { id: annotation.id }, data: { ...diff.after, verdictAt: new Date(), signedOffAt: null } });
  await recordAnnotationEvent(tx, { annotation, type: "UPDATED", actorId: userId, version: options.version, before: diff.before, after: diff.after });
  await notifyChange(tx, { annotation, actorId: userId, before, after: next });
}

/** A source of the workspace that has not been merged away, else a 422 on `field`. */
export async function requireWorkspaceSource(tx: TTx, options: { workspaceId: string; sourceId: string; field: string }): Promise<string> {
  const found = await tx.source.findFirst({ where: { id: options.sourceId, workspaceId: options.workspaceId, mergedIntoId: null }, select: { id: true } });
  if (!found) throw new AppError("VALIDATION", "Unknown source", { [options.field]: "Choose a source of this workspace" });
  return found.id;
}

// ---------------------------------------------------------------- create

type TDocumentText = { text: string; length: number; revision: number };

/** Checks a span against the document text and returns its selectors, or a 422 naming the field. */
export function anchor(doc: TDocumentText, span: { start: number; end: number; exact?: string }) {
  const problem = spanProblem(doc.text, span, doc.length);
  if (problem) throw new AppError("VALIDATION", problem.message, { [problem.field]: problem.message });
  return { start: span.start, end: span.end, ...quoteSelector(doc.text, span, doc.length), documentRevision: doc.revision };
}

/**
 * The status rule (lib/statuses.ts), as a 422 on the status field. An annotation being created has
 * no evidence yet, so it is created with another status and given evidence first.
 */
export function checkEvidenceRule(status: TStatus, liveEvidence: number) {
  const problem = evidenceRuleProblem(status, liveEvidence);
  if (problem) throw new AppError("VALIDATION", "This status needs evidence", { status: problem });
}

type TCreateTarget = { id: string; workspaceId: string; revision: number; length: number; sha256: string; role: TRole };

/**
 * A visible document and the caller's role in its workspace, in one round trip: the join on the
 * caller's membership is what visibleDocuments (lib/access.ts) asks of a document (not deleted, a
 * workspace the user belongs to), and the role is what requireMember would read next.
 */
async function createTarget(options: { userId: string; documentId: string }): Promise<TCreateTarget | null> {
  const rows = await db().$queryRaw<TCreateTarget[]>`
    SELECT d.id, d."workspaceId", d.revision, d.length, d.sha256, m.role::text AS role
    FROM "Document" d JOIN "Membership" m ON m."workspaceId" = d."workspaceId" AND m."userId" = ${options.userId}
    WHERE d.id = ${options.documentId} AND d."deletedAt" IS NULL`;
  return rows[0] ?? null;
}

/** A document's text as last read for a create, with what identifies that text. */
/** A document's text at one revision, and its page starts (empty when it has no pages), for the new annotation's page. */
type TKnownText = { documentId: string; revision: number; length: number; sha256: string; text: string; pageStarts: number[] };

/**
 * Document texts a create anchors in, by document: reading 200 KB from the database on every
 * create cost more than the rest of it. An entry only says what the text was: the insert checks in
 * the database that the document still has that revision and SHA-256 (and that the caller may
 * write there), so a stale entry costs a second try, never a wrong quote. Past MAX_KNOWN_CHARS the
 * texts read longest ago are dropped.
 */
const knownTexts = new Map<string, TKnownText>();
const MAX_KNOWN_CHARS = 32 * 1024 * 1024;
let knownChars = 0;

function rememberText(entry: TKnownText) {
  const previous = knownTexts.get(entry.documentId);
  if (previous) knownChars -= previous.text.length;
  knownTexts.delete(entry.documentId);
  knownTexts.set(entry.documentId, entry);
  knownChars += entry.text.length;
  for (const [documentId, old] of knownTexts) {
    if (knownChars <= MAX_KNOWN_CHARS || documentId === entry.documentId) break;
    knownTexts.delete(documentId);
    knownChars -= old.text.length;
  }
}

async function documentText(target: TCreateTarget): Promise<TKnownText> {
  const known = knownTexts.get(target.id);
  if (known && known.sha256 === target.sha256 && known.revision === target.revision) return known;
  const { text, pageStarts } = await db().document.findUniqueOrThrow({ where: { id: target.id }, select: { text: true, pageStarts: true } });
  const entry = { documentId: target.id, revision: target.revision, length: target.length, sha256: target.sha256, text, pageStarts };
  rememberText(entry);
  return entry;
}

/** The event's snapshot, built by PostgreSQL from the inserted row: the fields of snapshotSelect, as snapshotOf writes them. */
const SNAPSHOT_SQL = Prisma.raw(
  `jsonb_build_object(${Object.keys(snapshotSelect)
    .map((field) => `'${field}', c."${field}"`)
    .join(", ")})`,
);

type TCreatedRow = Omit<TAnnotationRow, "source" | "createdBy" | "updatedBy" | "_count" | "chain" | "assignee" | "verdictBy" | "signedOffBy" | "document"> & {
  createdById: string;
  assigneeId: string | null;
  verdictById: string | null;
  signedOffById: string | null;
  personName: string;
  personEmail: string;
};

/** The roles that may create annotations (REVIEWER and above), for the insert's own check. */
const CREATOR_ROLES = ROLES.filter((role) => hasRole(role, "REVIEWER"));

/**
 * Inserts the annotation and its CREATED event in one statement (so in one transaction, and in one
 * round trip), if, at that moment, the document is visible to the caller with a role that may
 * create, still has the text the span was anchored in, and the cited source (if any) is one of its
 * workspace's not merged away; null when any of that does not hold. Returns the row with its creator's name and email.
 */
async function insertCreated(
  client: Pick<TTx, "$queryRaw">,
  options: { userId: string; text: TKnownText; span: ReturnType<typeof anchor>; sourceId: string | null; input: TCreateAnnotationParsed },
): Promise<TCreatedRow | null> {
  const { userId, text, span, sourceId, input } = options;
  const rows = await client.$queryRaw<TCreatedRow[]>`
    WITH c AS (
      INSERT INTO "Annotation" ("id", "workspaceId", "documentId", "documentRevision", "start", "end", "exact", "prefix", "suffix", "sourceId",
        "locator", "attributionText", "status", "note", "createdById", "updatedById", "updatedAt")
      SELECT ${randomUUID()}, d."workspaceId", d.id, d.revision, ${span.start}, ${span.end}, ${span.exact}, ${span.prefix}, ${span.suffix}, ${sourceId},
        ${input.locator}, ${input.attributionText}, ${input.status}::"VerificationStatus", ${input.note}, ${userId}, ${userId}, now()
      FROM "Document" d JOIN "Membership" m ON m."workspaceId" = d."workspaceId" AND m."userId" = ${userId}
      WHERE d.id = ${text.documentId} AND d."deletedAt" IS NULL AND d.revision = ${text.revision} AND d.sha256 = ${text.sha256}
        AND m.role::text = ANY(${CREATOR_ROLES}::text[])
        AND (${sourceId}::text IS NULL OR EXISTS (SELECT 1 FROM "Source" s WHERE s.id = ${sourceId} AND s."workspaceId" = d."workspaceId" AND s."mergedIntoId" IS NULL))
      RETURNING *
    ), e AS (
      INSERT INTO "AnnotationEvent" ("annotationId", "workspaceId", "documentId", "type", "actorId", "version", "after")
      SELECT c.id, c."workspaceId", c."documentId", 'CREATED'::"AnnotationEventType", c."createdById", c.version, ${SNAPSHOT_SQL} FROM c
    )
    SELECT c.*, u.name AS "personName", u.email AS "personEmail"
    FROM c JOIN "User" u ON u.id = c."createdById"`;
  return rows[0] ?? null;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const asDateOrNull = (value: Date | string | null) => (value === null ? null : asDate(value));

/**
 * A just-created annotation as the API shows it, from the inserted row: nothing hangs off it yet
 * (no evidence, comments, chain, assignee or verdict), its creator is the caller and its source the
 * one just checked. Presented by presentAnnotation, the same as any read.
 */
function presentCreated(row: TCreatedRow, source: TSourceRow | null, text: TKnownText): TAnnotation {
  const person = { id: row.createdById, name: row.personName, email: row.personEmail };
  return presentAnnotation({
    ...row,
    createdAt: asDate(row.createdAt),
    updatedAt: asDate(row.updatedAt),
    deletedAt: asDateOrNull(row.deletedAt),
    verdictAt: asDateOrNull(row.verdictAt),
    signedOffAt: asDateOrNull(row.signedOffAt),
    threadResolvedAt: asDateOrNull(row.threadResolvedAt),
    source,
    createdBy: person,
    updatedBy: person,
    _count: { evidence: 0, comments: 0 },
    chain: [],
    assignee: null,
    verdictBy: null,
    signedOffBy: null,
    document: { pageStarts: text.pageStarts },
  });
}

const unknownSource = () => new AppError("VALIDATION", "Unknown source", { sourceId: "Choose a source of this workspace" });

type TCreateOptions = { userId: string; documentId: string; input: TCreateAnnotationParsed };

/** The cited source of the workspace, not merged away (else a 422), or a new one inside `insert`'s transaction. */
async function insertWithSource(options: TCreateOptions & { text: TKnownText; span: ReturnType<typeof anchor>; workspaceId: string }) {
  const { userId, input } = options;
  if (input.source) {
    const inline = input.source;
    return db().$transaction(async (tx) => {
      const source = await insertSource(tx, { userId, workspaceId: options.workspaceId, input: inline });
      return { row: await insertCreated(tx, { ...options, sourceId: source.id }), source };
    });
  }
  const sourceId = input.sourceId ?? null;
  const source = sourceId ? await db().source.findFirst({ where: { id: sourceId, workspaceId: options.workspaceId, mergedIntoId: null }, select: sourceSelect }) : null;
  if (sourceId && !source) throw unknownSource();
  return { row: await insertCreated(db(), { ...options, sourceId }), source };
}

/**
 * The create as the rules read: document visible (else 404), role REVIEWER or above (else 403),
 * span and status valid (else 422), then the insert. Three or four round trips.
 */
async function createChecked(options: TCreateOptions): Promise<TAnnotation> {
  const target = await createTarget(options);
  if (!target) throw notFound("Document not found");
  if (!hasRole(target.role, "REVIEWER")) throw new AppError("FORBIDDEN", "This needs the REVIEWER role or higher in this workspace");
  const text = await documentText(target);
  const input = options.input.revision !== undefined && options.input.revision !== target.revision ? await spanInLatest(options.input, text) : options.input;
  options = { ...options, input };
  const span = anchor(text, input);
  checkEvidenceRule(input.status, 0);
  const { row, source } = await insertWithSource({ ...options, text, span, workspaceId: target.workspaceId });
  // Checked a moment ago: a source merged or removed, or the caller's access gone, in between.
  if (!row) throw input.sourceId ? unknownSource() : notFound("Document not found");
  return presentCreated(row, source, text);
}

/**
 * A span chosen in an earlier revision of the text (the reader's page was older than the text), in
 * the latest: carried over as a revision carries annotations (lib/revisions/remap.ts) when no change
 * touched its words; 409 when one did, or they are gone: a new annotation is not born "needs
 * re-check", its maker is there to choose the words again. 422 for a revision that does not exist.
 */
async function spanInLatest(input: TCreateAnnotationParsed, latest: TKnownText): Promise<TCreateAnnotationParsed> {
  const revision = input.revision as number;
  const old = revision < latest.revision ? await db().documentRevision.findUnique({ where: { documentId_number: { documentId: latest.documentId, number: revision } }, select: { text: true } }) : null;
  if (!old) throw new AppError("VALIDATION", "Unknown revision", { revision: `The text's revisions run from 1 to ${latest.revision}` });
  const problem = spanProblem(old.text, input);
  if (problem) throw new AppError("VALIDATION", "The span does not fit that revision", { [problem.field]: problem.message });
  const [outcome] = remapSpans(old.text, latest.text, [{ id: "new", start: input.start, end: input.end, ...quoteSelector(old.text, input) }]).outcomes;
  if (outcome.kind === "kept") return { ...input, revision: latest.revision };
  if (outcome.kind === "shifted") return { ...input, revision: latest.revision, start: outcome.start, end: outcome.end, exact: outcome.exact };
  throw new AppError(
    "CONFLICT",
    outcome.kind === "orphaned"
      ? `The text changed since revision ${revision}: the words you chose are no longer in it. Revision ${latest.revision} is the latest; choose them again there.`
      : `The text changed since revision ${revision}: the words you chose now read “${outcome.exact}”. Revision ${latest.revision} is the latest; choose them again there.`,
    undefined,
    { current: { revision: latest.revision } },
  );
}

/**
 * Creates an annotation on a visible document; REVIEWER or above. The usual create (no source, on
 * a document whose text this process has read) is one round trip: the span is anchored in the
 * known text and the insert itself checks access, role and text, so nothing is written unless all
 * hold. Whenever it cannot go that way, or anything would be refused, it goes the checked way, which
 * gives the error in the rules' order (a caller without access learns nothing of the text).
 */
export async function createAnnotation(options: TCreateOptions): Promise<TAnnotation> {
  const { userId, input } = options;
  const known = knownTexts.get(options.documentId);
  if (!known || input.source || input.sourceId || evidenceRuleProblem(input.status, 0)) return createChecked(options);
  if (input.revision !== undefined && input.revision !== known.revision) return createChecked(options);
  if (spanProblem(known.text, input, known.length)) return createChecked(options);
  const span = anchor(known, input);
  const row = await insertCreated(db(), { userId, text: known, span, sourceId: null, input });
  return row ? presentCreated(row, null, known) : createChecked(options);
}
