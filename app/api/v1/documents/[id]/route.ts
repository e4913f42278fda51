import { apiRoute, json, readJson } from "@/lib/api/handler";
import { deleteDocument, updateDocument } from "@/lib/documents/mutations";
import { presentDocument } from "@/lib/documents/present";
import { getDocument } from "@/lib/documents/queries";
import { ZUpdateDocument } from "@/lib/documents/schemas";

export const GET = apiRoute(async ({ user, params }) => json(presentDocument(await getDocument({ userId: user.id, documentId: params.id }))));

/** PATCH: the title, and/or the provenance metadata with the `metadataVersion` it was edited on (409 when stale). */
export const PATCH = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZUpdateDocument);
  await updateDocument({ userId: user.id, documentId: params.id, input });
  return json(presentDocument(await getDocument({ userId: user.id, documentId: params.id })));
});

export const DELETE = apiRoute(async ({ user, params }) => {
  await deleteDocument({ userId: user.id, documentId: params.id });
  return new Response(null, { status: 204 });
});
