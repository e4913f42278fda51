import { apiRoute } from "@/lib/api/handler";
import { documentLiveScope } from "@/lib/live/queries";
import { lastEventIdOf, liveResponse } from "@/lib/live/stream";
import { recheckCaller } from "@/lib/session";

// A stream per request: never prerendered or cached.
export const dynamic = "force-dynamic";

/** Server-Sent Events: the document's annotation events (replayed after Last-Event-ID) and who has it open. */
export const GET = apiRoute(async ({ req, user, caller, params }) => {
  const check = async () => {
    await recheckCaller(req, caller);
    return documentLiveScope({ userId: user.id, documentId: params.id });
  };
  return await liveResponse({ req, userId: user.id, scope: await check(), lastEventId: lastEventIdOf(req), authorize: check });
});
