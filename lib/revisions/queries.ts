import "server-only";
import { visibleDocuments } from "@/lib/access";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { TRevisionSummary } from "@/lib/revisions/mutations";
import { diffTexts, type TTextDiff } from "@/lib/revisions/text-diff";

export type TRevisionListItem = TRevisionSummary & { counts: { shifted: number; changed: number; orphaned: number }; hasOriginal: boolean };
export type TRevision = TRevisionListItem & { text: string };

const listSelect = {
  number: true,
  sha256: true,
  length: true,
  reason: true,
  createdAt: true,
  shifted: true,
  changed: true,
  orphaned: true,
  originalId: true,
  createdBy: { select: { id: true, name: true } },
} as const;

type TRow = { number: number; sha256: string; length: number; reason: string; createdAt: Date; shifted: number; changed: number; orphaned: number; originalId: string | null; createdBy: { id: string; name: string } };

function present(row: TRow): TRevisionListItem {
  const { shifted, changed, orphaned, originalId, createdAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString(), counts: { shifted, changed, orphaned }, hasOriginal: originalId !== null };
}

/** A visible, live document's revisions, newest first; 404 when the user cannot see it. */
export async function listRevisions(options: { userId: string; documentId: string }): Promise<TRevisionListItem[]> {
  const doc = await db().document.findFirst({
    where: { id: options.documentId, ...visibleDocuments(options.userId) },
    select: { revisions: { orderBy: { number: "desc" }, select: listSelect } },
  });
  if (!doc) throw notFound("Document not found");
  return doc.revisions.map(present);
}

/** One revision with its text; 404 when there is no such revision or the user cannot see the document. */
export async function getRevision(options: { userId: string; documentId: string; number: number }): Promise<TRevision> {
  const row = await db().documentRevision.findFirst({
    where: { documentId: options.documentId, number: options.number, document: visibleDocuments(options.userId) },
    select: { ...listSelect, text: true },
  });
  if (!row) throw notFound(`Revision ${options.number} not found`);
  const { text, ...rest } = row;
  return { ...present(rest), text };
}

/** The word-level changes from revision `from` to revision `to` (either order). */
export async function diffRevisions(options: { userId: string; documentId: string; from: number; to: number }): Promise<{ from: number; to: number } & TTextDiff> {
  const [from, to] = await Promise.all([
    getRevision({ userId: options.userId, documentId: options.documentId, number: options.from }),
    getRevision({ userId: options.userId, documentId: options.documentId, number: options.to }),
  ]);
  return { from: from.number, to: to.number, ...diffTexts(from.text, to.text) };
}
