"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { importAnnotations, previewAnnotationImport } from "@/lib/imports/annotations";
import { ZImportAnnotationsInput, type TAnnotationImportPreview, type TAnnotationImportResult } from "@/lib/imports/schemas";

/** The import page's "Preview": where each item would go, nothing written. */
export async function previewAnnotationImportAction(documentId: string, input: unknown): Promise<TResult<TAnnotationImportPreview>> {
  return runAction(async (user) => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a preview keeps nothing
    const { keepOrphans, ...rest } = parseInput(ZImportAnnotationsInput, input);
    return previewAnnotationImport({ userId: user.id, documentId, ...rest });
  });
}

export async function importAnnotationsAction(documentId: string, input: unknown): Promise<TResult<TAnnotationImportResult>> {
  return runAction(async (user) => {
    const result = await importAnnotations({ userId: user.id, documentId, ...parseInput(ZImportAnnotationsInput, input) });
    revalidatePath(`/documents/${documentId}`);
    return result;
  });
}
