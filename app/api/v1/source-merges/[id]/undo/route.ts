import { apiRoute, json } from "@/lib/api/handler";
import { undoMerge } from "@/lib/sources/merge";

export const POST = apiRoute(async ({ user, params }) => json({ merge: await undoMerge({ userId: user.id, mergeId: params.id }) }));
