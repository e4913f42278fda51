/** What live streams carry (SSE). Client-safe: types and pure helpers, no server imports. */
import type { TAnnotation, TAnnotationEventType, TPerson } from "@/lib/annotations/schemas";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/**
 * One committed AnnotationEvent as a stream delivers it: who did what, and the annotation as it
 * stood when this app instance read it (deleted ones included, `deletedAt` set), so a client can
 * apply it without another request. `annotation` is null only when the row is gone altogether.
 */
export type TLiveEvent = {
  /** The AnnotationEvent id: a decimal string, increasing; also the SSE `id:` (Last-Event-ID). */
  id: string;
  type: TAnnotationEventType;
  annotationId: string;
  documentId: string;
  workspaceId: string;
  actor: TPerson;
  createdAt: string;
  annotation: TAnnotation | null;
};

/** Who has a document open (distinct members, with their role); sent as `event: presence`. */
export type TPresentMember = TMemberOption;

/** How long a presence row counts without a heartbeat; streams refresh theirs every HEARTBEAT_MS. */
export const PRESENCE_TTL_SECONDS = 45;
export const HEARTBEAT_MS = 15_000;

/**
 * Named SSE events besides the default one (annotation events, which carry an `id:`). `resync`
 * (with the newest event's `id:`) replaces a replay too long or too old: reload, then follow on.
 */
export const SSE_EVENTS = { presence: "presence", ready: "ready", resync: "resync" } as const;

/** Event ids are bigints sent as decimal strings; anything else is not an id. */
export function isEventId(value: string | null | undefined): value is string {
  return typeof value === "string" && /^\d{1,19}$/.test(value);
}

/** Compares two event ids numerically (they are decimal strings of bigints). */
export function compareEventIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
