import { apiRoute, json, parseInput } from "@/lib/api/handler";
import { diffRevisions } from "@/lib/revisions/queries";
import { ZDiffQuery } from "@/lib/revisions/schemas";

/** `?from=N&to=M`: the word-level changes between two revisions, as changes in code points and as runs of text. */
export const GET = apiRoute(async ({ req, user, params }) => {
  const search = new URL(req.url).searchParams;
  const query = parseInput(ZDiffQuery, { from: search.get("from") ?? undefined, to: search.get("to") ?? undefined });
  return json(await diffRevisions({ userId: user.id, documentId: params.id, ...query }));
});
