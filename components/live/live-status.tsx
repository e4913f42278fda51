"use client";
import type { TLiveStatus } from "@/components/live/use-live";

const WORDS: Record<TLiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  limited: "Not live: too many open tabs",
};
const TITLES: Partial<Record<TLiveStatus, string>> = {
  limited: "You have the most live connections open that one member may have (tabs, windows or scripts). Close one; this page tries again every few seconds.",
};

/**
 * The live connection's state in words, and a polite announcement of the latest change by someone
 * else ("Rena verified “613 killed”").
 */
export function LiveStatus(props: { status: TLiveStatus; announcement: string }) {
  return (
    <div className="live-bar">
      <span className={`live-status live-${props.status}`} data-status={props.status} title={TITLES[props.status] ?? "Changes by others appear here without reloading"}>
        {WORDS[props.status]}
      </span>
      <p role="status" className="live-announcement">
        {props.announcement}
      </p>
    </div>
  );
}
