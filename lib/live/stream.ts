import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { planResume, readLiveEvents, RESUME_MAX_EVENTS } from "@/lib/live/events";
import { liveHub, type TLiveSubscription } from "@/lib/live/listener";
import { joinPresence, leavePresence, refreshPresence } from "@/lib/live/presence";
import type { TLiveScope } from "@/lib/live/queries";
import { claimStreamSlot, refreshStreamSlot, releaseStreamSlot } from "@/lib/live/stream-slots";
import { compareEventIds, HEARTBEAT_MS, isEventId, SSE_EVENTS, type TLiveEvent, type TPresentMember } from "@/lib/live/schemas";

const encoder = new TextEncoder();
const BACKLOG_PAGE = 200;
/** A reader this far behind is cut off; it reconnects with Last-Event-ID and catches up from the table. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** Ids sent on one stream that are remembered to skip repeats (replay overlapping live delivery). */
const SENT_MEMORY = 5000;

/**
 * Where a reconnecting client left off: the Last-Event-ID header (EventSource sends it on its own
 * reconnects), else `?lastEventId=` (a page's starting point, or a client reopening by hand).
 */
export function lastEventIdOf(req: Request): string | null {
  const value = req.headers.get("last-event-id") || new URL(req.url).searchParams.get("lastEventId") || null;
  if (value === null) return null;
  if (!isEventId(value)) throw new AppError("BAD_REQUEST", "Last-Event-ID must be an event id", { lastEventId: "Must be an event id" });
  return value;
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: `next start` compresses responses and would buffer the stream otherwise.
  "Cache-Control": "no-cache, no-transform",
  // Proxies such as nginx buffer responses unless told not to.
  "X-Accel-Buffering": "no",
} as const;

/**
 * A Server-Sent Events stream of a workspace's or a document's events (and a document's presence).
 *
 * No gaps, no repeats: it subscribes first and holds what arrives, then sends the backlog after
 * `lastEventId` from the table (with the events of lower ids that committed after it: planResume),
 * then what it held, skipping ids already sent; from then on events go out as they come. Each
 * event carries `id:` so EventSource resends it as Last-Event-ID. A backlog too long or too old is
 * replaced by `event: resync`. The member's stream slot is taken first (429 past
 * MAX_STREAMS_PER_MEMBER, whichever instances hold the others) and given back when it closes.
 * Every HEARTBEAT_MS: a comment (keeps proxies from timing out), the presence row refreshed, and
 * `authorize` run again, so a member who was removed (or a deleted document) loses the stream.
 */
export async function liveResponse(options: {
  req: Request;
  userId: string;
  scope: TLiveScope;
  lastEventId: string | null;
  /** Throws an AppError once the user may no longer follow this scope. */
  authorize: () => Promise<unknown>;
  /** Tests beat faster. */
  heartbeatMs?: number;
}): Promise<Response> {
  const { req, userId, scope } = options;
  const documentId = scope.documentId;
  const slot = { userId, streamId: randomUUID() };
  await claimStreamSlot(slot);
  const connection = documentId ? { connectionId: slot.streamId, workspaceId: scope.workspaceId, documentId, userId } : null;
  const sent = new Set<string>();
  let held: TLiveEvent[] | null = [];
  let closed = false;
  let heartbeat: NodeJS.Timeout | null = null;
  let joined: Promise<void> | null = null;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let subscription: TLiveSubscription | null = null;

  function close() {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    subscription?.unsubscribe();
    req.signal.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // Already closed or cancelled by the reader.
    }
    if (connection && joined) {
      const leave = () => leavePresence(connection);
      joined.then(leave, leave).catch((error) => console.error("[live] leaving presence failed", error));
    }
    releaseStreamSlot(slot.streamId).catch((error) => console.error("[live] releasing the stream slot failed", error));
  }

  function write(text: string) {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      return close();
    }
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) close();
  }

  function send(event: TLiveEvent) {
    if (sent.has(event.id)) return;
    sent.add(event.id);
    if (sent.size > SENT_MEMORY) sent.delete(sent.values().next().value as string);
    // JSON has no raw newlines, so the data fits on one `data:` line.
    write(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  function sendPresence(people: TPresentMember[]) {
    write(`event: ${SSE_EVENTS.presence}\ndata: ${JSON.stringify(people)}\n\n`);
  }

  async function beat() {
    write(": heartbeat\n\n");
    try {
      await options.authorize();
      if (!closed) await refreshStreamSlot(slot);
      if (connection && !closed) await refreshPresence(connection);
    } catch (error) {
      if (error instanceof AppError) return close();
      // A database hiccup is not a reason to drop the reader; the next beat tries again.
      console.error("[live] heartbeat failed", error);
    }
  }

  async function run() {
    write(`retry: 1000\n\n`);
    subscription = liveHub().subscribe({
      workspaceId: scope.workspaceId,
      documentId,
      onEvent: (event) => (held ? held.push(event) : send(event)),
      onPresence: documentId ? sendPresence : undefined,
    });
    await subscription.ready;
    if (options.lastEventId) {
      const where = documentId ? { documentId } : { workspaceId: scope.workspaceId };
      const plan = await planResume({ where, lastEventId: options.lastEventId });
      if (plan.resync) {
        // The client reloads its state; the `id:` moves its starting point (and EventSource's) to now.
        write(`event: ${SSE_EVENTS.resync}\nid: ${plan.latest}\ndata: {}\n\n`);
      } else {
        if (plan.overlapSince) {
          const late = await readLiveEvents({ where: { ...where, id: { lt: BigInt(options.lastEventId) }, createdAt: { gte: plan.overlapSince } }, take: RESUME_MAX_EVENTS });
          late.forEach(send);
        }
        for (let after = options.lastEventId; !closed; ) {
          const page = await readLiveEvents({ where: { ...where, id: { gt: BigInt(after) } }, take: BACKLOG_PAGE });
          page.forEach(send);
          if (page.length < BACKLOG_PAGE) break;
          after = page[page.length - 1].id;
        }
      }
    }
    const waiting = held ?? [];
    held = null;
    waiting.sort((a, b) => compareEventIds(a.id, b.id)).forEach(send);
    if (closed) return;
    // The client says "Live" from here: what it missed has been sent and nothing more can be lost.
    write(`event: ${SSE_EVENTS.ready}\ndata: {}\n\n`);
    heartbeat = setInterval(() => void beat(), options.heartbeatMs ?? HEARTBEAT_MS);
    if (connection) {
      joined = joinPresence(connection);
      await joined;
    }
  }

  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (req.signal.aborted) return close();
        req.signal.addEventListener("abort", close);
        run().catch((error) => {
          console.error("[live] stream failed", error);
          // EventSource reconnects (after `retry`) with its Last-Event-ID and catches up.
          close();
        });
      },
      cancel: close,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return new Response(stream, { headers: SSE_HEADERS });
}
