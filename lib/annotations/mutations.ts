import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requireMember, visibleAnnotations } from "@/lib/access";
import { shorten } from "@/lib/anchoring/selectors";
import { changedFields, recordAnnotationEvent, snapshotOf, type TSnapshot } from "@/lib/annotations/events";
import type { TAnnotation, ZUpdateAnnotation } from "@/lib/annotations/schemas";
import {
  anchor,
  checkEvidenceRule,
  liveAnnotationForWrite,
  lockAnnotation,
  readAnnotation,
  requireWorkspaceSource,
  StaleVersion,
  staleVersion,
  writeSelect,
} from "@/lib/annotations/writes";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Annotation as TAnnotationRow } from "@/lib/generated/prisma/client";
import { notifyChange, notifyChanges } from "@/lib/notifications/notify";
import { NEWLY_CREATED } from "@/lib/notifications/rules";
import { hasRole } from "@/lib/roles";
import { insertSource } from "@/lib/sources/mutations";
import type { TInlineSource } from "@/lib/sources/schemas";
import { evidenceRuleProblem, isVerdict, type TStatus } from "@/lib/statuses";

export type TUpdateAnnotationParsed = z.output<typeof ZUpdateAnnotation>;

/** The source an annotation cites: one created inline, one of the same workspace not merged away (else 422), or none. */
async function resolveSource(
  tx: TTx,
  options: { userId: string; workspaceId: string; sourceId?: string | null; source?: TInlineSource },
): Promise<string | null | undefined> {
  if (options.source) return (await insertSource(tx, { userId: options.userId, workspaceId: options.workspaceId, input: options.source })).id;
  if (!options.sourceId) return options.sourceId;
  return requireWorkspaceSource(tx, { workspaceId: options.workspaceId, sourceId: options.sourceId, field: "sourceId" });
}

// The single create lives with the other write paths (one statement for the row and its event).
export { createAnnotation } from "@/lib/annotations/writes";

/**
 * One annotation of a bulk create (an import). The caller has found its span in the text and
 * taken the quote from there, or, when orphaned, keeps the imported quote and guessed span.
 */
export type TNewAnnotation = {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  sourceId: string | null;
  locator: string;
  attributionText: string;
  status: TStatus;
  note: string;
  orphaned: boolean;
  /** Evidence items the caller adds in the same transaction, each with its EVIDENCE_ADDED event (versions 2, 3, …). */
  evidenceCount: number;
};

/**
 * Creates many annotations of one document inside the caller's transaction; the caller has
 * checked the role. Two statements whatever the number: the rows, then one CREATED event each
 * (full snapshot, as recordAnnotationEvent writes for a create; an orphan's says so). Both are
 * plain SQL over arrays (unnest): Prisma's createMany takes seconds for 2,000 rows, this a tenth
 * of that, and createAnnotation per item would be thousands of round trips. The same rules as a
 * single create: the evidence rule (counting the evidence the caller is about to add), and a
 * verdict is given by `userId` and waits for sign-off when the workspace asks for it (the editors
 * are notified in the same transaction, as for a single verdict). An
 * annotation that gets evidence is created at its final version (1 + items): its CREATED event
 * has version 1 and the caller's EVIDENCE_ADDED events the versions after. Ids are random UUIDs
 * (the client, not the database, makes cuids). Returns the rows in input order.
 */
export async function insertAnnotations(
  tx: TTx,
  options: { userId: string; document: { id: string; workspaceId: string; revision: number }; annotations: TNewAnnotation[] },
): Promise<TAnnotationRow[]> {
  const { userId, document } = options;
  const list = options.annotations;
  list.forEach((a, i) => {
    const problem = evidenceRuleProblem(a.status, a.evidenceCount);
    if (problem) throw new AppError("VALIDATION", "This status needs evidence", { [`annotations.${i}.status`]: problem });
  });
  if (list.length === 0) return [];
  const { requireSignOff } = await tx.workspace.findUniqueOrThrow({ where: { id: document.workspaceId }, select: { requireSignOff: true } });
  const ids = list.map(() => randomUUID());
  const column = <K extends keyof TNewAnnotation>(key: K) => list.map((a) => a[key]);
  const verdict = list.map((a) => isVerdict(a.status));
  const inserted = await tx.$queryRaw<TAnnotationRow[]>`
    INSERT INTO "Annotation" ("id", "workspaceId", "documentId", "documentRevision", "start", "end", "exact", "prefix", "suffix", "sourceId",
      "locator", "attributionText", "status", "note", "orphaned", "version", "createdById", "updatedById", "verdictById", "verdictAt", "signOff", "updatedAt")
    SELECT t.id, ${document.workspaceId}, ${document.id}, ${document.revision}, t.start, t."end", t.exact, t.prefix, t.suffix, t.source_id,
      t.locator, t.attribution, t.status::"VerificationStatus", t.note, t.orphaned, t.version, ${userId}, ${userId},
      CASE WHEN t.verdict THEN ${userId} END, CASE WHEN t.verdict THEN now() END,
      (CASE WHEN t.verdict AND ${requireSignOff} THEN 'AWAITING' ELSE 'NONE' END)::"SignOffState", now()
    FROM unnest(${ids}::text[], ${column("start")}::int[], ${column("end")}::int[], ${column("exact")}::text[], ${column("prefix")}::text[],
      ${column("suffix")}::text[], ${column("sourceId")}::text[], ${column("locator")}::text[], ${column("attributionText")}::text[],
      ${column("status")}::text[], ${column("note")}::text[], ${column("orphaned")}::boolean[], ${list.map((a) => 1 + a.evidenceCount)}::int[], ${verdict}::boolean[])
      AS t(id, start, "end", exact, prefix, suffix, source_id, locator, attribution, status, note, orphaned, version, verdict)
    RETURNING *`;
  // Back in input order (RETURNING promises none), by the ids given.
  const byId = new Map(inserted.map((row) => [row.id, row]));
  const rows = ids.map((id) => byId.get(id) as TAnnotationRow);
  const afters = rows.map((row) => JSON.stringify({ ...snapshotOf(row), ...(row.orphaned ? { orphaned: true } : {}) }));
  await tx.$executeRaw`
    INSERT INTO "AnnotationEvent" ("annotationId", "workspaceId", "documentId", "type", "actorId", "version", "after")
    SELECT t.id, ${document.workspaceId}, ${document.id}, 'CREATED'::"AnnotationEventType", ${userId}, 1, t.after::jsonb
    FROM unnest(${ids}::text[], ${afters}::text[]) AS t(id, after)`;
  const changes = rows.map((row) => ({ annotationId: row.id, before: NEWLY_CREATED, after: snapshotOf(row) }));
  await notifyChanges(tx, { workspaceId: document.workspaceId, actorId: userId, changes });
  return rows;
}

/** A member of the workspace who may check annotations (REVIEWER or above), else a 422 on assigneeId. */
async function requireAssignee(tx: TTx, options: { workspaceId: string; assigneeId: string }) {
  const membership = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.assigneeId } },
    select: { role: true },
  });
  if (!membership || !hasRole(membership.role, "REVIEWER")) {
    throw new AppError("VALIDATION", "Unknown assignee", { assigneeId: "Choose a member with the Reviewer role or above" });
  }
}

/** What a verdict is about: when one of these changes, the verdict is given anew. */
const VERDICT_SUBJECT = ["status", "sourceId", "start", "end", "locator"] as const satisfies readonly (keyof TSnapshot)[];

/**
 * The two-person rule (issue 5): a verdict set or changed by `userId` waits for sign-off when the
 * workspace asks for it; a status that is no verdict clears the verdict and its sign-off. Returns
 * the sign-off fields of `next` and the timestamps to write, or nothing when the verdict's subject
 * did not change (an edit of the note keeps a confirmed verdict confirmed).
 */
async function verdictFields(tx: TTx, options: { workspaceId: string; userId: string; before: TSnapshot; next: TSnapshot }) {
  const { before, next } = options;
  if (!VERDICT_SUBJECT.some((field) => before[field] !== next[field])) return null;
  if (!isVerdict(next.status)) {
    if (before.signOff === "NONE" && before.verdictById === null) return null;
    return { snapshot: { verdictById: null, signOff: "NONE", signedOffById: null, signOffNote: "" }, verdictAt: null, signedOffAt: null } as const;
  }
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: options.workspaceId }, select: { requireSignOff: true } });
  return {
    snapshot: { verdictById: options.userId, signOff: workspace.requireSignOff ? "AWAITING" : "NONE", signedOffById: null, signOffNote: "" },
    verdictAt: new Date(),
    signedOffAt: null,
  } as const;
}

/**
 * Edits an annotation against the version the client edited. The check is atomic (the UPDATE
 * matches the version), so of two concurrent edits of one version exactly one wins and the other
 * gets 409 with the annotation as it now stands. A deleted annotation is 404: only restore
 * brings it back. A PATCH that changes nothing returns the annotation as it is, without a new
 * version or an event, so resending a form is harmless. An orphaned annotation (imported, not
 * found in the text) is placed by any span sent with it: the span is checked and its quote taken
 * from the text, and the event records `orphaned` true → false beside the span.
 */
export async function updateAnnotation(options: { userId: string; annotationId: string; input: TUpdateAnnotationParsed }): Promise<TAnnotation> {
  const { userId, annotationId, input } = options;
  const row = await liveAnnotationForWrite({ userId, annotationId });
  if (input.version !== row.version) throw await staleVersion(annotationId);

  const before = snapshotOf(row);
  const next: TSnapshot = {
    ...before,
    sourceId: input.sourceId === undefined ? before.sourceId : input.sourceId,
    locator: input.locator ?? before.locator,
    attributionText: input.attributionText ?? before.attributionText,
    status: input.status ?? before.status,
    note: input.note ?? before.note,
    assigneeId: input.assigneeId === undefined ? before.assigneeId : input.assigneeId,
    onChecklist: input.onChecklist ?? before.onChecklist,
  };
  // Read apart: writeSelect (shared with evidence and chain writes) does not carry it.
  const placing =
    input.start !== undefined && (await db().annotation.findUniqueOrThrow({ where: { id: annotationId }, select: { orphaned: true } })).orphaned;
  let quote: { prefix: string; suffix: string; documentRevision: number } | undefined;
  if (input.start !== undefined && input.end !== undefined && (placing || input.start !== row.start || input.end !== row.end)) {
    const doc = await db().document.findUniqueOrThrow({ where: { id: row.documentId }, select: { text: true, length: true, revision: true } });
    const { start, end, exact, ...rest } = anchor(doc, { start: input.start, end: input.end, exact: input.exact });
    Object.assign(next, { start, end, exact });
    quote = rest;
  } else if (input.exact !== undefined && input.exact !== row.exact) {
    const message = `The annotation's text is “${shorten(row.exact, 80)}”, not the quote sent`;
    throw new AppError("VALIDATION", message, { exact: message });
  }
  if (!input.source && !placing && Object.keys(changedFields(before, next).after).length === 0) return readAnnotation(annotationId);

  try {
    await db().$transaction(async (tx) => {
      if (input.source || next.sourceId !== before.sourceId) {
        next.sourceId = (await resolveSource(tx, { userId, workspaceId: row.workspaceId, sourceId: next.sourceId, source: input.source })) ?? null;
      }
      if (next.assigneeId && next.assigneeId !== before.assigneeId) await requireAssignee(tx, { workspaceId: row.workspaceId, assigneeId: next.assigneeId });
      const verdict = await verdictFields(tx, { workspaceId: row.workspaceId, userId, before, next });
      if (verdict) Object.assign(next, verdict.snapshot);
      const diff = changedFields(before, next);
      const { count } = await tx.annotation.updateMany({
        where: { id: annotationId, version: input.version, deletedAt: null },
        data: {
          ...diff.after,
          ...quote,
          ...(placing ? { orphaned: false } : {}),
          ...(verdict ? { verdictAt: verdict.verdictAt, signedOffAt: verdict.signedOffAt } : {}),
          updatedById: userId,
          version: { increment: 1 },
        },
      });
      if (count === 0) throw new StaleVersion();
      // Read under the row lock the UPDATE holds: evidence writes lock the annotation first, so
      // its last item cannot be removed between this count and the commit.
      if (diff.after.status) checkEvidenceRule(diff.after.status, await tx.evidence.count({ where: { annotationId, deletedAt: null } }));
      const onlyAssignee = !placing && Object.keys(diff.after).every((field) => field === "assigneeId");
      const type = onlyAssignee ? "ASSIGNED" : "UPDATED";
      const [beforeSide, afterSide] = placing ? [{ ...diff.before, orphaned: true }, { ...diff.after, orphaned: false }] : [diff.before, diff.after];
      await recordAnnotationEvent(tx, { annotation: row, type, actorId: userId, version: input.version + 1, before: beforeSide, after: afterSide });
      await notifyChange(tx, { annotation: row, actorId: userId, before, after: next });
    });
  } catch (error) {
    throw error instanceof StaleVersion ? await staleVersion(annotationId) : error;
  }
  return readAnnotation(annotationId);
}

/** Soft-deletes an annotation; REVIEWER or above. Its history stays, and restore brings it back. */
export async function deleteAnnotation(options: { userId: string; annotationId: string }): Promise<TAnnotation> {
  const { userId, annotationId } = options;
  await liveAnnotationForWrite({ userId, annotationId });
  await db().$transaction(async (tx) => {
    const locked = await lockAnnotation(tx, annotationId);
    if (!locked || locked.deletedAt) throw notFound("Annotation not found");
    const row = await tx.annotation.update({
      where: { id: annotationId },
      data: { deletedAt: new Date(), updatedById: userId, version: { increment: 1 } },
      select: writeSelect,
    });
    await recordAnnotationEvent(tx, { annotation: row, type: "DELETED", actorId: userId, version: row.version, before: snapshotOf(locked), after: snapshotOf(row) });
  });
  return readAnnotation(annotationId);
}

/**
 * Restores a deleted annotation: EDITOR or OWNER, or the reviewer who deleted it (the actor of
 * its latest DELETED event), which is what a reviewer's "Undo" after a delete relies on.
 * Restoring one that is not deleted is a 409.
 */
export async function restoreAnnotation(options: { userId: string; annotationId: string }): Promise<TAnnotation> {
  const { userId, annotationId } = options;
  const found = await db().annotation.findFirst({ where: { id: annotationId, ...visibleAnnotations(userId) }, select: { workspaceId: true } });
  if (!found) throw notFound("Annotation not found");
  const member = await requireMember({ userId, workspaceId: found.workspaceId, role: "REVIEWER" });

  await db().$transaction(async (tx) => {
    const locked = await lockAnnotation(tx, annotationId);
    if (!locked) throw notFound("Annotation not found");
    if (!locked.deletedAt) throw new AppError("CONFLICT", "This annotation is not deleted");
    if (!hasRole(member.role, "EDITOR")) {
      const deletion = await tx.annotationEvent.findFirst({ where: { annotationId, type: "DELETED" }, orderBy: { id: "desc" }, select: { actorId: true } });
      if (deletion?.actorId !== userId) throw new AppError("FORBIDDEN", "Only whoever deleted this annotation, or an editor, can restore it");
    }
    const row = await tx.annotation.update({
      where: { id: annotationId },
      data: { deletedAt: null, updatedById: userId, version: { increment: 1 } },
      select: writeSelect,
    });
    await recordAnnotationEvent(tx, { annotation: row, type: "RESTORED", actorId: userId, version: row.version, before: snapshotOf(locked), after: snapshotOf(row) });
  });
  return readAnnotation(annotationId);
}
