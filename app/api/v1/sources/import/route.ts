import { apiRoute, json, readJson } from "@/lib/api/handler";
import { importSources, previewImport } from "@/lib/sources/import";
import { ZImportSources } from "@/lib/sources/import-schemas";

/** { workspaceId, format, content, dryRun? }: the preview (200) when dryRun, else the import (201). */
export const POST = apiRoute(async ({ req, user }) => {
  const { dryRun, ...input } = await readJson(req, ZImportSources);
  if (dryRun) return json(await previewImport({ userId: user.id, ...input }));
  return json(await importSources({ userId: user.id, ...input }), { status: 201 });
});
