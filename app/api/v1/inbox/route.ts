import { apiRoute, json } from "@/lib/api/handler";
import { listInbox } from "@/lib/comments/queries";

/** The signed-in member's mentions, newest first: `?limit=` (1–100, default 50) and `?cursor=` from `nextCursor`. */
export const GET = apiRoute(async ({ req, user }) => {
  const query = new URL(req.url).searchParams;
  const limit = Number(query.get("limit") ?? "");
  return json(await listInbox({ userId: user.id, cursor: query.get("cursor") || undefined, limit: Number.isInteger(limit) && limit > 0 ? limit : undefined }));
});
