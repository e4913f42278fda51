import { apiRoute, json } from "@/lib/api/handler";
import { notFound } from "@/lib/errors";
import { getRevision } from "@/lib/revisions/queries";

/** One revision with its text; a number that is none (`/revisions/latest`) names no revision: 404. */
export const GET = apiRoute(async ({ user, params }) => {
  if (!/^[1-9]\d{0,8}$/.test(params.n)) throw notFound(`Revision ${params.n} not found`);
  return json(await getRevision({ userId: user.id, documentId: params.id, number: Number(params.n) }));
});
