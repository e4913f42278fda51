import "server-only";
import { requireMember, visibleDocuments } from "@/lib/access";
import { db, type TTx } from "@/lib/db";
import { canonicalText, codePointLength, sha256Hex, textProblem } from "@/lib/documents/text";
import { AppError, notFound } from "@/lib/errors";
import { remapSpans, type TRemapCounts, type TRemapOutcome } from "@/lib/revisions/remap";
import { isVerdict, type TStatus } from "@/lib/statuses";

export type TRevisionSummary = { number: number; sha256: string; length: number; reason: string; createdAt: string; createdBy: { id: string; name: string } };
export type TNewRevision = { revision: TRevisionSummary; counts: Omit<TRemapCounts, "kept"> & { unchanged: number } };

/** A revision's whole work commits within this long; a compilation of 2 MB with thousands of annotations needs seconds, not the default 5. */
const REVISION_TX_TIMEOUT_MS = 60_000;

type TLiveRow = {
  id: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  status: TStatus;
  signOff: string;
  version: number;
};

/** The sign-off a re-anchored verdict goes back to: a verdict whose words changed waits for sign-off again; a returned one stays returned. */
function reopens(row: TLiveRow): boolean {
  return isVerdict(row.status) && row.signOff !== "RETURNED";
}

const EVENT_OF = { shifted: "ANCHOR_SHIFTED", changed: "ANCHOR_CHANGED", orphaned: "ORPHANED" } as const;

/** The before and after of one re-anchored annotation's event. */
function eventSides(row: TLiveRow, outcome: Exclude<TRemapOutcome, { kind: "kept" }>, revision: number, note: string) {
  const signOff = outcome.kind !== "shifted" && reopens(row) ? { signOff: "AWAITING", signedOffById: null, signOffNote: note } : {};
  const signOffBefore = "signOff" in signOff ? { signOff: row.signOff } : {};
  if (outcome.kind === "orphaned") return { before: { orphaned: false, ...signOffBefore }, after: { orphaned: true, needsRecheck: true, revision, reason: outcome.reason, ...signOff } };
  const before = { start: row.start, end: row.end, ...(outcome.kind === "changed" ? { exact: row.exact } : {}), ...signOffBefore };
  const after = {
    start: outcome.start,
    end: outcome.end,
    revision,
    ...(outcome.kind === "changed" ? { exact: outcome.exact, needsRecheck: true, anchorSimilarity: outcome.similarity } : {}),
    ...signOff,
  };
  return { before, after };
}

/**
 * Saves a new revision of a document's text (EDITOR or OWNER) against the revision the editor
 * started from: 409 with the latest when another save came first. In one transaction: the revision
 * row, the document's text, and every live annotation carried over (lib/revisions/remap.ts), each
 * moved, changed or orphaned one with its event; a verdict whose words changed (or were lost) waits
 * for sign-off again, with the reason "the text changed in revision N". An annotation whose span
 * and context are as they were only has its revision brought up to date.
 */
export async function createRevision(options: {
  userId: string;
  documentId: string;
  input: { baseRevision: number; text: string; reason: string };
}): Promise<TNewRevision> {
  const { userId, documentId, input } = options;
  const found = await db().document.findFirst({ where: { id: documentId, ...visibleDocuments(userId) }, select: { workspaceId: true } });
  if (!found) throw notFound("Document not found");
  await requireMember({ userId, workspaceId: found.workspaceId, role: "EDITOR" });
  const problem = textProblem(input.text);
  if (problem) throw new AppError(problem.code, problem.message, { text: problem.message });
  const text = canonicalText(input.text);
  const sha256 = sha256Hex(text);

  return db().$transaction(
    async (tx) => {
      const [doc] = await tx.$queryRaw<Array<{ revision: number; text: string; sha256: string; workspaceId: string }>>`
        SELECT revision, text, sha256, "workspaceId" FROM "Document" WHERE id = ${documentId} AND "deletedAt" IS NULL FOR UPDATE`;
      if (!doc) throw notFound("Document not found");
      if (doc.revision !== input.baseRevision) {
        throw new AppError("CONFLICT", `This text was changed meanwhile: revision ${doc.revision} is the latest, and your edit was made on revision ${input.baseRevision}`, undefined, {
          current: { revision: doc.revision, sha256: doc.sha256 },
        });
      }
      if (doc.sha256 === sha256) throw new AppError("VALIDATION", `The text is the same as revision ${doc.revision}`, { text: "Change the text before saving a revision" });
      const number = doc.revision + 1;
      const rows = await tx.$queryRaw<TLiveRow[]>`
        SELECT id, start, "end", exact, prefix, suffix, status::text AS status, "signOff"::text AS "signOff", version
        FROM "Annotation" WHERE "documentId" = ${documentId} AND "deletedAt" IS NULL AND NOT orphaned FOR UPDATE`;
      const { outcomes, counts } = remapSpans(doc.text, text, rows);
      const revision = await tx.documentRevision.create({
        data: {
          id: `rev_${documentId}_${number}`,
          documentId,
          workspaceId: doc.workspaceId,
          number,
          text,
          sha256,
          length: codePointLength(text),
          reason: input.reason,
          shifted: counts.shifted,
          changed: counts.changed,
          orphaned: counts.orphaned,
          createdById: userId,
        },
        select: { number: true, sha256: true, length: true, reason: true, createdAt: true, createdBy: { select: { id: true, name: true } } },
      });
      await tx.document.update({ where: { id: documentId }, data: { text, sha256, length: revision.length, revision: number } });
      await carryOver(tx, { userId, documentId, workspaceId: doc.workspaceId, number, rows, outcomes });
      return {
        revision: { ...revision, createdAt: revision.createdAt.toISOString() },
        counts: { unchanged: counts.kept, shifted: counts.shifted, changed: counts.changed, orphaned: counts.orphaned },
      };
    },
    { timeout: REVISION_TX_TIMEOUT_MS },
  );
}

/** Writes every annotation's outcome and the events of those that moved, changed or were lost: a few statements, whatever their number. */
async function carryOver(
  tx: TTx,
  options: { userId: string; documentId: string; workspaceId: string; number: number; rows: TLiveRow[]; outcomes: TRemapOutcome[] },
) {
  const { userId, documentId, workspaceId, number, rows, outcomes } = options;
  const note = `the text changed in revision ${number}`;
  await tx.$executeRaw`UPDATE "Annotation" SET "documentRevision" = ${number} WHERE "documentId" = ${documentId} AND "deletedAt" IS NULL`;
  const moved = outcomes.flatMap((outcome, i) => (outcome.kind === "kept" ? [] : [{ row: rows[i], outcome }]));
  if (moved.length === 0) return;
  const col = <T>(pick: (m: (typeof moved)[number]) => T) => moved.map(pick);
  const placed = (m: (typeof moved)[number]) => (m.outcome.kind === "orphaned" ? null : m.outcome);
  await tx.$executeRaw`
    UPDATE "Annotation" a SET
      start = COALESCE(t.start, a.start), "end" = COALESCE(t."end", a."end"), exact = COALESCE(t.exact, a.exact),
      prefix = COALESCE(t.prefix, a.prefix), suffix = COALESCE(t.suffix, a.suffix),
      orphaned = t.kind = 'orphaned', "needsRecheck" = a."needsRecheck" OR t.kind <> 'shifted',
      "anchorSimilarity" = CASE WHEN t.kind = 'changed' THEN t.similarity WHEN t.kind = 'orphaned' THEN NULL ELSE a."anchorSimilarity" END,
      "signOff" = CASE WHEN t.reopen THEN 'AWAITING'::"SignOffState" ELSE a."signOff" END,
      "signedOffById" = CASE WHEN t.reopen THEN NULL ELSE a."signedOffById" END,
      "signedOffAt" = CASE WHEN t.reopen THEN NULL ELSE a."signedOffAt" END,
      "signOffNote" = CASE WHEN t.reopen THEN ${note} ELSE a."signOffNote" END,
      version = a.version + 1, "updatedById" = ${userId}, "updatedAt" = now()
    FROM unnest(${col((m) => m.row.id)}::text[], ${col((m) => m.outcome.kind)}::text[], ${col((m) => placed(m)?.start ?? null)}::int[],
      ${col((m) => placed(m)?.end ?? null)}::int[], ${col((m) => placed(m)?.exact ?? null)}::text[], ${col((m) => placed(m)?.prefix ?? null)}::text[],
      ${col((m) => placed(m)?.suffix ?? null)}::text[], ${col((m) => (m.outcome.kind === "changed" ? m.outcome.similarity : null))}::float8[],
      ${col((m) => m.outcome.kind !== "shifted" && reopens(m.row))}::boolean[])
      AS t(id, kind, start, "end", exact, prefix, suffix, similarity, reopen)
    WHERE a.id = t.id`;
  const sides = moved.map((m) => eventSides(m.row, m.outcome as Exclude<TRemapOutcome, { kind: "kept" }>, number, note));
  await tx.$executeRaw`
    INSERT INTO "AnnotationEvent" ("annotationId", "workspaceId", "documentId", "type", "actorId", "version", "before", "after")
    SELECT t.id, ${workspaceId}, ${documentId}, t.type::"AnnotationEventType", ${userId}, t.version, t.before::jsonb, t.after::jsonb
    FROM unnest(${col((m) => m.row.id)}::text[], ${col((m) => EVENT_OF[m.outcome.kind as keyof typeof EVENT_OF])}::text[], ${col((m) => m.row.version + 1)}::int[],
      ${sides.map((s) => JSON.stringify(s.before))}::text[], ${sides.map((s) => JSON.stringify(s.after))}::text[]) AS t(id, type, version, before, after)`;
}
