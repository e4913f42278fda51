import "server-only";
import { requireMember, visibleDocuments } from "@/lib/access";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { canonicalText, codePointLength, sha256Hex, textProblem } from "@/lib/documents/text";
import { presentProvenance } from "@/lib/documents/present";
import { provenanceOf, provenanceSelect } from "@/lib/documents/queries";
import type { TCreateDocument, TUpdateDocument } from "@/lib/documents/schemas";

/** Creates a document from raw text; EDITOR or OWNER of the workspace. */
export async function createDocument(options: { userId: string; input: TCreateDocument }): Promise<{ id: string }> {
  const { workspaceId, title } = options.input;
  await requireMember({ userId: options.userId, workspaceId, role: "EDITOR" });
  const problem = textProblem(options.input.text);
  if (problem) throw new AppError(problem.code, problem.message, { text: problem.message });
  const text = canonicalText(options.input.text);
  return db().document.create({
    data: { workspaceId, title, text, sha256: sha256Hex(text), length: codePointLength(text), createdById: options.userId },
    select: { id: true },
  });
}

/** Loads a document's workspace for a write; 404 when the user cannot see it. */
async function documentForWrite(options: { userId: string; documentId: string; deleted: boolean }) {
  const doc = await db().document.findFirst({
    where: {
      id: options.documentId,
      deletedAt: options.deleted ? { not: null } : null,
      workspace: { memberships: { some: { userId: options.userId } } },
    },
    select: { id: true, workspaceId: true },
  });
  if (!doc) throw notFound("Document not found");
  return doc;
}

export async function renameDocument(options: { userId: string; documentId: string; title: string }): Promise<void> {
  await updateDocument({ userId: options.userId, documentId: options.documentId, input: { title: options.title } });
}

/**
 * Changes a document's title and/or its provenance metadata, EDITOR or OWNER. A metadata edit names
 * the `metadataVersion` it was made on: when someone saved in between, 409 with the details as they now stand.
 */
export async function updateDocument(options: { userId: string; documentId: string; input: TUpdateDocument }): Promise<void> {
  const doc = await documentForWrite({ ...options, deleted: false });
  await requireMember({ userId: options.userId, workspaceId: doc.workspaceId, role: "EDITOR" });
  const { title, metadataVersion, retrievedAt, ...fields } = options.input;
  const metadata: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (retrievedAt !== undefined) metadata.retrievedAt = retrievedAt === null ? null : new Date(retrievedAt);
  if (metadataVersion === undefined || Object.keys(metadata).length === 0) {
    if (title !== undefined) await db().document.update({ where: { id: doc.id }, data: { title } });
    return;
  }
  const saved = await db().document.updateMany({
    where: { id: doc.id, metadataVersion },
    data: { ...(title !== undefined ? { title } : {}), ...metadata, metadataVersion: { increment: 1 } },
  });
  if (saved.count === 0) {
    const current = await db().document.findUniqueOrThrow({ where: { id: doc.id }, select: provenanceSelect });
    throw new AppError("CONFLICT", "Someone else changed this document's details since you opened them", undefined, {
      current: presentProvenance(provenanceOf(current)),
    });
  }
}

export async function deleteDocument(options: { userId: string; documentId: string }): Promise<{ workspaceId: string }> {
  const doc = await documentForWrite({ ...options, deleted: false });
  await requireMember({ userId: options.userId, workspaceId: doc.workspaceId, role: "EDITOR" });
  await db().document.update({ where: { id: doc.id }, data: { deletedAt: new Date() } });
  return { workspaceId: doc.workspaceId };
}

export async function restoreDocument(options: { userId: string; documentId: string }): Promise<void> {
  const doc = await documentForWrite({ ...options, deleted: true });
  await requireMember({ userId: options.userId, workspaceId: doc.workspaceId, role: "OWNER" });
  await db().document.update({ where: { id: doc.id }, data: { deletedAt: null } });
}

/** Remembers how this member reads a visible document ("Reflow lines"); any role, since it changes nothing shared. */
export async function setReadingPreference(options: { userId: string; documentId: string; reflow: boolean }): Promise<{ reflow: boolean }> {
  const { userId, documentId, reflow } = options;
  const visible = await db().document.count({ where: { id: documentId, ...visibleDocuments(userId) } });
  if (visible === 0) throw notFound("Document not found");
  return db().readingPreference.upsert({
    where: { userId_documentId: { userId, documentId } },
    create: { userId, documentId, reflow },
    update: { reflow },
    select: { reflow: true },
  });
}
