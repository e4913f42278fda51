import { apiRoute, json, readJson } from "@/lib/api/handler";
import { deleteDocument, renameDocument } from "@/lib/documents/mutations";
import { presentDocument } from "@/lib/documents/present";
import { getDocument } from "@/lib/documents/queries";
import { ZRenameDocument } from "@/lib/documents/schemas";

export const GET = apiRoute(async ({ user, params }) => json(presentDocument(await getDocument({ userId: user.id, documentId: params.id }))));

export const PATCH = apiRoute(async ({ req, user, params }) => {
  const { title } = await readJson(req, ZRenameDocument);
  await renameDocument({ userId: user.id, documentId: params.id, title });
  return json(presentDocument(await getDocument({ userId: user.id, documentId: params.id })));
});

export const DELETE = apiRoute(async ({ user, params }) => {
  await deleteDocument({ userId: user.id, documentId: params.id });
  return new Response(null, { status: 204 });
});
