import { apiRoute, json, parseInput } from "@/lib/api/handler";
import { getRevision } from "@/lib/revisions/queries";
import { ZRevisionNumber } from "@/lib/revisions/schemas";

/** One revision with its text. */
export const GET = apiRoute(async ({ user, params }) => {
  const number = parseInput(ZRevisionNumber, params.n);
  return json(await getRevision({ userId: user.id, documentId: params.id, number }));
});
