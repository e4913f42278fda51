/** Words for a live event, for the reading view's polite announcements ("Rena verified “613 killed”"). Pure. */
import { shorten } from "@/lib/anchoring/selectors";
import type { TLiveEvent } from "@/lib/live/schemas";
import { STATUS_INFO, type TStatus } from "@/lib/statuses";

function statusPhrase(status: TStatus, quote: string): string {
  if (status === "VERIFIED") return `verified ${quote}`;
  return `marked ${quote} ${STATUS_INFO[status].label}`;
}

/**
 * `previousStatus` is the status the reader held before this event, when known: an UPDATED event
 * that changed it reads as the verdict it gave, any other as a change.
 */
export function describeLiveEvent(event: TLiveEvent, previousStatus?: TStatus): string {
  const a = event.annotation;
  const quote = a ? `“${shorten(a.exact, 60)}”` : "an annotation";
  const who = event.actor.name;
  switch (event.type) {
    case "CREATED":
      return `${who} annotated ${quote}`;
    case "UPDATED":
      return a && previousStatus && previousStatus !== a.status ? `${who} ${statusPhrase(a.status, quote)}` : `${who} changed ${quote}`;
    case "DELETED":
      return `${who} deleted ${quote}`;
    case "RESTORED":
      return `${who} restored ${quote}`;
    case "EVIDENCE_ADDED":
      return `${who} added evidence to ${quote}`;
    case "EVIDENCE_UPDATED":
      return `${who} changed evidence of ${quote}`;
    case "EVIDENCE_REMOVED":
      return `${who} removed evidence from ${quote}`;
    case "CHAIN_SET":
      return `${who} changed the attribution chain of ${quote}`;
    case "SOURCE_MERGED":
    case "SOURCE_MERGE_UNDONE":
      return `${who} merged sources: ${quote} now cites ${a?.source?.title ?? "another source"}`;
    case "ASSIGNED":
      return a?.assignee ? `${who} assigned ${quote} to ${a.assignee.name}` : `${who} unassigned ${quote}`;
    case "SIGNED_OFF":
      return `${who} confirmed the verdict on ${quote}`;
    case "SIGN_OFF_RETURNED":
      return `${who} returned the verdict on ${quote}`;
    case "COMMENTED":
      return `${who} commented on ${quote}`;
    case "COMMENT_EDITED":
      return `${who} edited a comment on ${quote}`;
    case "COMMENT_DELETED":
      return `${who} deleted a comment on ${quote}`;
    case "THREAD_RESOLVED":
      return `${who} resolved the discussion on ${quote}`;
    case "THREAD_REOPENED":
      return `${who} reopened the discussion on ${quote}`;
    case "ANCHOR_SHIFTED":
      return `${who} saved a new revision of the text: ${quote} moved`;
    case "ANCHOR_CHANGED":
      return `${who} saved a new revision of the text: the words of ${quote} changed and need a new check`;
    case "ORPHANED":
      return `${who} saved a new revision of the text: ${quote} is no longer in it`;
    case "RECHECKED":
      return `${who} checked ${quote} again after the text changed`;
  }
}
