"use client";
import { useEffect, useRef, useState } from "react";
import { SSE_EVENTS, type TLiveEvent, type TPresentMember } from "@/lib/live/schemas";

export type TLiveStatus = "connecting" | "live" | "reconnecting" | "limited";

/** Event ids remembered to drop repeats (a replay overlapping what already arrived). */
const SEEN_MEMORY = 2000;
const MAX_REOPEN_DELAY_MS = 30_000;
/** While the member has too many streams open elsewhere (429), this often the page tries again. */
export const LIMITED_RETRY_MS = 5_000;

/**
 * Why the stream was refused, once EventSource has given up (it hides the status): one plain
 * request, closed as soon as its headers arrive. True for 429 (too many streams open).
 */
async function refusedAsTooMany(url: string): Promise<boolean> {
  const abort = new AbortController();
  try {
    const response = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" } });
    return response.status === 429;
  } catch {
    return false;
  } finally {
    abort.abort();
  }
}

/**
 * Follows a live stream (GET /api/v1/documents/:id/live or /api/v1/workspaces/:id/live). Each
 * event is handed over once, in the order it arrives. EventSource reconnects by itself, sending
 * Last-Event-ID; when it gives up (an error status such as a 502 from a proxy, readyState CLOSED)
 * the stream is reopened with `?lastEventId=` of the last event received, after a growing delay.
 * Either way the server replays from there, and also the lower ids that committed after it (events
 * arrive in commit order, not id order); repeats are dropped here by id. A 429 (the member has too
 * many streams open) shows as "limited" and is tried again every LIMITED_RETRY_MS. `resync` (the
 * replay would be too long or too old) calls `onResync`: the caller reloads its state.
 * "live" means the server has sent what was missed and is streaming.
 */
export function useLiveEvents(options: {
  url: string;
  onEvent: (e: TLiveEvent) => void;
  onPresence?: (people: TPresentMember[]) => void;
  onResync?: () => void;
}): { status: TLiveStatus } {
  const [status, setStatus] = useState<TLiveStatus>("connecting");
  // The latest callbacks, without reopening the stream when they change.
  const handlers = useRef(options);
  useEffect(() => {
    handlers.current = options;
  });

  const { url } = options;
  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: number | undefined;
    let failures = 0;
    let resumeFrom: string | null = null;
    let stopped = false;
    const seen = new Set<string>();

    const open = () => {
      const target = new URL(url, window.location.href);
      if (resumeFrom) target.searchParams.set("lastEventId", resumeFrom);
      const es = new EventSource(target.toString());
      source = es;
      es.onmessage = (message) => {
        let event: TLiveEvent;
        try {
          event = JSON.parse(message.data) as TLiveEvent;
        } catch {
          return;
        }
        if (seen.has(event.id)) return;
        seen.add(event.id);
        if (seen.size > SEEN_MEMORY) seen.delete(seen.values().next().value as string);
        // The last one received, as EventSource's own Last-Event-ID: commit order, not the highest id.
        resumeFrom = event.id;
        handlers.current.onEvent(event);
      };
      es.addEventListener(SSE_EVENTS.presence, (message) => {
        try {
          handlers.current.onPresence?.(JSON.parse((message as MessageEvent<string>).data) as TPresentMember[]);
        } catch {
          // A malformed list changes nothing.
        }
      });
      es.addEventListener(SSE_EVENTS.resync, (message) => {
        const latest = (message as MessageEvent<string>).lastEventId;
        if (latest) resumeFrom = latest;
        seen.clear();
        handlers.current.onResync?.();
      });
      es.addEventListener(SSE_EVENTS.ready, () => {
        failures = 0;
        setStatus("live");
      });
      es.onerror = () => {
        setStatus("reconnecting");
        if (es.readyState !== EventSource.CLOSED) return; // EventSource retries by itself
        es.close();
        void refusedAsTooMany(target.toString()).then((tooMany) => {
          if (stopped) return;
          if (tooMany) setStatus("limited");
          const delay = tooMany ? LIMITED_RETRY_MS : Math.min(MAX_REOPEN_DELAY_MS, 1000 * 2 ** failures++);
          reopenTimer = window.setTimeout(open, delay);
        });
      };
    };

    open();
    return () => {
      stopped = true;
      window.clearTimeout(reopenTimer);
      source?.close();
    };
  }, [url]);

  return { status };
}
