import { apiRoute, json, readJson } from "@/lib/api/handler";
import { markMentionsRead } from "@/lib/comments/mutations";
import { ZMarkRead } from "@/lib/comments/schemas";

/** Marks mentions read, body `{ ids: [...] }` or `{ all: true }`; only one's own. Returns `{ updated, unread }`. */
export const POST = apiRoute(async ({ req, user }) => {
  const input = await readJson(req, ZMarkRead);
  return json(await markMentionsRead({ userId: user.id, input }));
});
