"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { createDocument, deleteDocument, renameDocument, restoreDocument, setReadingPreference } from "@/lib/documents/mutations";
import { ZCreateDocument, ZReadingPreference, ZRenameDocument } from "@/lib/documents/schemas";

/**
 * Creates a document from pasted text (a workspace, a title and the text). Files and web addresses
 * go through POST /api/v1/documents, which previews and imports them (lib/documents/intake.ts).
 */
export async function createDocumentAction(_prev: unknown, form: FormData): Promise<TResult<{ id: string }>> {
  return runAction(async (user) => {
    const text = String(form.get("text") ?? "");
    const title = String(form.get("title") ?? "").trim();
    const input = parseInput(ZCreateDocument, { workspaceId: String(form.get("workspaceId") ?? ""), title, text });
    const created = await createDocument({ userId: user.id, input });
    revalidatePath("/documents");
    return created;
  });
}

export async function renameDocumentAction(documentId: string, _prev: unknown, form: FormData): Promise<TResult<{ title: string }>> {
  return runAction(async (user) => {
    const { title } = parseInput(ZRenameDocument, { title: String(form.get("title") ?? "") });
    await renameDocument({ userId: user.id, documentId, title });
    revalidatePath(`/documents/${documentId}`);
    return { title };
  });
}

export async function deleteDocumentAction(documentId: string): Promise<TResult<{ workspaceId: string }>> {
  return runAction(async (user) => {
    const result = await deleteDocument({ userId: user.id, documentId });
    revalidatePath("/documents");
    return result;
  });
}

export async function restoreDocumentAction(documentId: string): Promise<TResult<null>> {
  return runAction(async (user) => {
    await restoreDocument({ userId: user.id, documentId });
    revalidatePath("/documents");
    return null;
  });
}

/** "Reflow lines" for this member and document (remembered, so the page renders the text that way next time). */
export async function setReadingPreferenceAction(documentId: string, input: unknown): Promise<TResult<{ reflow: boolean }>> {
  return runAction(async (user) => setReadingPreference({ userId: user.id, documentId, ...parseInput(ZReadingPreference, input) }));
}
