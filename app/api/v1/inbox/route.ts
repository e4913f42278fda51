import { apiRoute, json, parseInput } from "@/lib/api/handler";
import { ZInboxQuery } from "@/lib/comments/schemas";
import { listInbox } from "@/lib/comments/queries";

/** The signed-in member's mentions, newest first: `?limit=` (1–100, default 50) and `?cursor=` from `nextCursor`. */
export const GET = apiRoute(async ({ req, user }) => {
  const { limit, cursor } = parseInput(ZInboxQuery, Object.fromEntries(new URL(req.url).searchParams));
  return json(await listInbox({ userId: user.id, cursor: cursor || undefined, limit }));
});
