import { apiRoute } from "@/lib/api/handler";
import { workspaceLiveScope } from "@/lib/live/queries";
import { lastEventIdOf, liveResponse } from "@/lib/live/stream";
import { recheckCaller } from "@/lib/session";

// A stream per request: never prerendered or cached.
export const dynamic = "force-dynamic";

/** Server-Sent Events: every annotation event of the workspace (the queue and dashboard), replayed after Last-Event-ID. */
export const GET = apiRoute(async ({ req, user, caller, params }) => {
  const check = async () => {
    await recheckCaller(req, caller);
    return workspaceLiveScope({ userId: user.id, workspaceId: params.id });
  };
  return await liveResponse({ req, userId: user.id, scope: await check(), lastEventId: lastEventIdOf(req), authorize: check });
});
