"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { unreadMentionCountAction } from "@/lib/comments/actions";

/** Sent on `window` with the new unread count when mentions are marked read on this page. */
export const INBOX_COUNT_EVENT = "pv:inbox-count";

export function announceUnread(unread: number) {
  window.dispatchEvent(new CustomEvent<number>(INBOX_COUNT_EVENT, { detail: unread }));
}

/** Reads the count again and announces it: after the server marked entries read while this page loaded. */
export function refreshUnread() {
  unreadMentionCountAction().then((result) => result.ok && announceUnread(result.data));
}

/**
 * "Inbox (3)" in the header. The layout around it is not rendered again on navigation, so the
 * count is fetched again on each new page (opening a mention reads it) and taken from the inbox
 * when mentions are marked read there.
 */
export function InboxLink(props: { initialUnread: number }) {
  const pathname = usePathname();
  const [unread, setUnread] = useState(props.initialUnread);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let live = true;
    unreadMentionCountAction().then((result) => live && result.ok && setUnread(result.data));
    return () => {
      live = false;
    };
  }, [pathname]);

  useEffect(() => {
    const onCount = (event: Event) => setUnread((event as CustomEvent<number>).detail);
    window.addEventListener(INBOX_COUNT_EVENT, onCount);
    return () => window.removeEventListener(INBOX_COUNT_EVENT, onCount);
  }, []);

  return (
    <Link href="/inbox" aria-label={unread ? `Inbox (${unread} unread)` : "Inbox"} className={unread ? "inbox-link has-unread" : "inbox-link"}>
      Inbox{unread ? ` (${unread})` : ""}
    </Link>
  );
}
