import { apiRoute, json, readJson } from "@/lib/api/handler";
import { importAnnotations, previewAnnotationImport } from "@/lib/imports/annotations";
import { ZImportAnnotationsRequest } from "@/lib/imports/schemas";

/** { format, content, dryRun?, keepOrphans? }: the preview (200) when dryRun, else the import (201). */
export const POST = apiRoute(async ({ req, user, params }) => {
  const { dryRun, keepOrphans, ...input } = await readJson(req, ZImportAnnotationsRequest);
  if (dryRun) return json(await previewAnnotationImport({ userId: user.id, documentId: params.id, ...input }));
  return json(await importAnnotations({ userId: user.id, documentId: params.id, keepOrphans, ...input }), { status: 201 });
});
