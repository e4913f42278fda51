"use client";
import { useEffect, useRef, useState } from "react";
import { compareEventIds, SSE_EVENTS, type TLiveEvent, type TPresentMember } from "@/lib/live/schemas";

export type TLiveStatus = "connecting" | "live" | "reconnecting";

/** Event ids remembered to drop repeats (a replay overlapping what already arrived). */
const SEEN_MEMORY = 2000;
const MAX_REOPEN_DELAY_MS = 30_000;

/**
 * Follows a live stream (GET /api/v1/documents/:id/live or /api/v1/workspaces/:id/live). Each
 * event is handed over once, in the order it arrives. EventSource reconnects by itself, sending
 * Last-Event-ID; when it gives up (an error status such as a 502 from a proxy, readyState CLOSED)
 * the stream is reopened with `?lastEventId=` of the newest event seen, after a growing delay.
 * "live" means the server has sent what was missed and is streaming.
 */
export function useLiveEvents(options: {
  url: string;
  onEvent: (e: TLiveEvent) => void;
  onPresence?: (people: TPresentMember[]) => void;
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
    let newest: string | null = null;
    const seen = new Set<string>();

    const open = () => {
      const target = new URL(url, window.location.href);
      if (newest) target.searchParams.set("lastEventId", newest);
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
        if (!newest || compareEventIds(event.id, newest) > 0) newest = event.id;
        handlers.current.onEvent(event);
      };
      es.addEventListener(SSE_EVENTS.presence, (message) => {
        try {
          handlers.current.onPresence?.(JSON.parse((message as MessageEvent<string>).data) as TPresentMember[]);
        } catch {
          // A malformed list changes nothing.
        }
      });
      es.addEventListener(SSE_EVENTS.ready, () => {
        failures = 0;
        setStatus("live");
      });
      es.onerror = () => {
        setStatus("reconnecting");
        if (es.readyState !== EventSource.CLOSED) return; // EventSource retries by itself
        es.close();
        const delay = Math.min(MAX_REOPEN_DELAY_MS, 1000 * 2 ** failures++);
        reopenTimer = window.setTimeout(open, delay);
      };
    };

    open();
    return () => {
      window.clearTimeout(reopenTimer);
      source?.close();
    };
  }, [url]);

  return { status };
}
