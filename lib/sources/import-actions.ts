"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { importSources, previewImport } from "@/lib/sources/import";
import { ZImportInput, type TImportPreview, type TImportResult } from "@/lib/sources/import-schemas";

/** The import form's "Preview": what would be created and what matches, nothing written. */
export async function previewImportAction(input: unknown): Promise<TResult<TImportPreview>> {
  return runAction(async (user) => {
    return previewImport({ userId: user.id, ...parseInput(ZImportInput, input) });
  });
}

export async function importSourcesAction(input: unknown): Promise<TResult<TImportResult>> {
  return runAction(async (user) => {
    const result = await importSources({ userId: user.id, ...parseInput(ZImportInput, input) });
    revalidatePath("/sources");
    return result;
  });
}
