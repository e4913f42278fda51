"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import { AppError, type TResult } from "@/lib/errors";
import { createDocument, deleteDocument, renameDocument, restoreDocument } from "@/lib/documents/mutations";
import { ZCreateDocument, ZRenameDocument } from "@/lib/documents/schemas";
import { decodeUpload, titleFromFileName, UPLOAD_EXTENSIONS } from "@/lib/documents/text";

/** Creates a document from a form with a workspace, a title and either pasted text or a file. */
export async function createDocumentAction(_prev: unknown, form: FormData): Promise<TResult<{ id: string }>> {
  return runAction(async (user) => {
    const file = form.get("file");
    const mode = form.get("mode") === "upload" ? "upload" : "paste";
    let text = String(form.get("text") ?? "");
    let title = String(form.get("title") ?? "").trim();
    if (mode === "upload") {
      if (!(file instanceof File) || file.name === "") throw new AppError("VALIDATION", "Choose a file", { file: "Choose a .txt or .md file" });
      if (!UPLOAD_EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(ext))) {
        throw new AppError("VALIDATION", "Only .txt and .md files", { file: "Upload a .txt or .md file" });
      }
      const decoded = decodeUpload(new Uint8Array(await file.arrayBuffer()));
      if (!decoded.ok) throw new AppError(decoded.problem.code, decoded.problem.message, { file: decoded.problem.message });
      text = decoded.text;
      title ||= titleFromFileName(file.name);
    }
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
