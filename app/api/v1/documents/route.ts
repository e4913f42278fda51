import { apiRoute, json, parseInput } from "@/lib/api/handler";
import { ZDocumentsQuery } from "@/lib/documents/schemas";
import { readDocumentUpload } from "@/lib/documents/upload";
import { createDocument } from "@/lib/documents/mutations";
import { importDocument } from "@/lib/documents/intake";
import { presentDocument, presentDocumentSummary } from "@/lib/documents/present";
import { getDocument, listDocuments } from "@/lib/documents/queries";

export const GET = apiRoute(async ({ req, user }) => {
  const { workspaceId } = parseInput(ZDocumentsQuery, Object.fromEntries(new URL(req.url).searchParams));
  const documents = await listDocuments({ userId: user.id, workspaceId });
  return json({ documents: documents.map(presentDocumentSummary) });
});

/**
 * POST: JSON `{ workspaceId, title, text }` (pasted text), JSON `{ workspaceId, url }` (a page
 * fetched by the server) or multipart `workspaceId`, `file`, optional `title`. `?dryRun=1`: the
 * preview, nothing stored.
 */
export const POST = apiRoute(async ({ req, user }) => {
  const upload = await readDocumentUpload(req);
  const dryRun = ["1", "true"].includes(new URL(req.url).searchParams.get("dryRun") ?? "");
  if (upload.kind === "text" && !dryRun) {
    const { id } = await createDocument({ userId: user.id, input: upload.input });
    return json(presentDocument(await getDocument({ userId: user.id, documentId: id })), { status: 201 });
  }
  const { preview, id } = await importDocument({ userId: user.id, workspaceId: upload.workspaceId, title: upload.title, source: upload.source, dryRun });
  if (id === null) return json({ preview });
  return json({ ...presentDocument(await getDocument({ userId: user.id, documentId: id })), warnings: preview.warnings }, { status: 201 });
});
