import { apiRoute, json, readJson } from "@/lib/api/handler";
import { bulkUpdate, parseBulkRequest } from "@/lib/queue/bulk";
import { z } from "zod";

/**
 * One action on many annotations: `{ action: "assign" | "status" | "checklist", items: [{ id, version }],
 * assigneeId | status | onChecklist }` → 200 `{ results: [{ id, ok, changed } | { id, ok: false, error }] }`
 * once the request itself is valid (400/413/422 when not, 403 without the REVIEWER role).
 */
export const POST = apiRoute(async ({ req, user }) => {
  const request = parseBulkRequest(await readJson(req, z.unknown()));
  return json(await bulkUpdate({ userId: user.id, request }));
});
