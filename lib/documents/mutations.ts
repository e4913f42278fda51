import "server-only";
import { requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { canonicalText, codePointLength, sha256Hex, textProblem } from "@/lib/documents/text";
import type { TCreateDocument } from "@/lib/documents/schemas";

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
  const doc = await documentForWrite({ ...options, deleted: false });
  await requireMember({ userId: options.userId, workspaceId: doc.workspaceId, role: "EDITOR" });
  await db().document.update({ where: { id: doc.id }, data: { title: options.title } });
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
