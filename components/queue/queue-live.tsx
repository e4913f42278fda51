"use client";
import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { LiveStatus } from "@/components/live/live-status";
import { useLiveEvents } from "@/components/live/use-live";
import type { TLiveEvent } from "@/lib/live/schemas";

/** Changes arriving in a burst (a bulk action of someone else) cause one refresh, not fifty. */
const DEBOUNCE_MS = 300;

/**
 * Keeps the queue current: on the workspace's live events the page is re-rendered on the server
 * (router.refresh keeps the client state). While rows are selected (`hold`) the rows must not move
 * under the user's hand, so a "Refresh" button is offered instead; the user's own changes while
 * holding are already on the page after their bulk action.
 */
export function QueueLive(props: { workspaceId: string; viewerId: string; hold: boolean }) {
  const router = useRouter();
  const [waiting, setWaiting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const hold = useRef(props.hold);
  useEffect(() => {
    hold.current = props.hold;
  }, [props.hold]);

  const refresh = useCallback(() => {
    setWaiting(false);
    startTransition(() => router.refresh());
  }, [router]);

  const onEvent = useCallback(
    (event: TLiveEvent) => {
      if (hold.current && event.actor?.id === props.viewerId) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => (hold.current ? setWaiting(true) : refresh()), DEBOUNCE_MS);
    },
    [props.viewerId, refresh],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  // A resync (too much missed to replay) reads the page again, as a change does.
  const { status } = useLiveEvents({ url: `/api/v1/workspaces/${encodeURIComponent(props.workspaceId)}/live`, onEvent, onResync: refresh });

  // Once the selection is cleared, catch up with what arrived meanwhile (state adjusted while
  // rendering, the refresh itself in an effect).
  const [held, setHeld] = useState(props.hold);
  const [catchUps, setCatchUps] = useState(0);
  if (held !== props.hold) {
    setHeld(props.hold);
    if (!props.hold && waiting) {
      setWaiting(false);
      setCatchUps((n) => n + 1);
    }
  }
  useEffect(() => {
    if (catchUps > 0) startTransition(() => router.refresh());
  }, [catchUps, router]);

  const offer = waiting && props.hold;
  return (
    <div className="queue-live">
      <LiveStatus status={status} announcement={offer ? "New changes by others: refresh to see them." : ""} />
      {offer && (
        <button type="button" className="button" onClick={refresh}>
          Refresh
        </button>
      )}
    </div>
  );
}
