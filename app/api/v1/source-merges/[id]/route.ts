import { apiRoute, json } from "@/lib/api/handler";
import { getMerge } from "@/lib/sources/merge";

/** A merge and its progress (`done` of `total` citing rows moved), for any member of its workspace. */
export const GET = apiRoute(async ({ user, params }) => json({ merge: await getMerge({ userId: user.id, mergeId: params.id }) }));
