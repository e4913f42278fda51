import { apiRoute, json, readJson } from "@/lib/api/handler";
import { createDocument } from "@/lib/documents/mutations";
import { presentDocument, presentDocumentSummary } from "@/lib/documents/present";
import { getDocument, listDocuments } from "@/lib/documents/queries";
import { ZCreateDocument } from "@/lib/documents/schemas";

export const GET = apiRoute(async ({ req, user }) => {
  const workspaceId = new URL(req.url).searchParams.get("workspaceId") ?? undefined;
  const documents = await listDocuments({ userId: user.id, workspaceId });
  return json({ documents: documents.map(presentDocumentSummary) });
});

export const POST = apiRoute(async ({ req, user }) => {
  const input = await readJson(req, ZCreateDocument);
  const { id } = await createDocument({ userId: user.id, input });
  return json(presentDocument(await getDocument({ userId: user.id, documentId: id })), { status: 201 });
});
