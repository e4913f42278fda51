import { apiRoute, parseInput } from "@/lib/api/handler";
import { exportSourcesFile } from "@/lib/sources/export";
import { ZExportQuery } from "@/lib/sources/import-schemas";

/** ?workspaceId=…&format=csl|bibtex[&documentId=…]: a download of the sources as a file. */
export const GET = apiRoute(async ({ req, user }) => {
  const query = parseInput(ZExportQuery, Object.fromEntries(new URL(req.url).searchParams));
  const file = await exportSourcesFile({ userId: user.id, ...query });
  return new Response(file.body, {
    headers: { "Content-Type": file.contentType, "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "no-store" },
  });
});
