"use client";
import Link from "next/link";
import { useState } from "react";
import { announceUnread } from "@/components/comments/inbox-link";
import { markMentionsReadAction } from "@/lib/comments/actions";
import { mentionHref, type TInbox, type TInboxItem } from "@/lib/comments/schemas";
import { formatDateTime } from "@/lib/format";
import { STATUS_INFO } from "@/lib/statuses";

/** The inbox's entries with "Mark as read" each and "Mark all as read"; unread ones say so in words and style. */
export function InboxList(props: { inbox: TInbox }) {
  const [items, setItems] = useState(props.inbox.items);
  const [unread, setUnread] = useState(props.inbox.unread);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function mark(input: { ids: string[] } | { all: true }) {
    setPending(true);
    const result = await markMentionsReadAction(input);
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    const now = new Date().toISOString();
    setItems((list) => list.map((i) => ("all" in input || input.ids.includes(i.id) ? { ...i, readAt: i.readAt ?? now } : i)));
    setUnread(result.data.unread);
    announceUnread(result.data.unread);
  }

  /** Opening the annotation reads its mentions (the document page marks them); show it here at once. */
  function opened(item: TInboxItem) {
    if (item.readAt) return;
    setItems((list) => list.map((i) => (i.annotation.id === item.annotation.id && !i.readAt ? { ...i, readAt: new Date().toISOString() } : i)));
  }

  return (
    <>
      <div className="page-title">
        <p role="status">{unread === 0 ? "Nothing unread." : `${unread} unread.`}</p>
        <button type="button" className="button" disabled={pending || unread === 0} onClick={() => mark({ all: true })}>
          Mark all as read
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty">Nothing here yet. When a member writes @ and your name in a discussion, or your work moves on (a verdict to sign off, your verdict returned or confirmed, an annotation assigned to you), it shows up here.</p>
      ) : (
        <ol className="inbox-list">
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? "inbox-item" : "inbox-item unread"}>
              <p className="inbox-meta">
                {!item.readAt && <span className="badge unread-badge">Unread</span>} <InboxHeadline item={item} /> ·{" "}
                <time dateTime={item.createdAt}>{formatDateTime(new Date(item.createdAt))}</time>
              </p>
              {item.comment && <blockquote className="inbox-excerpt">{item.comment.excerpt}</blockquote>}
              {item.reason !== null && (
                <blockquote className="inbox-excerpt">
                  <span className="sr-only">Reason: </span>
                  {item.reason}
                </blockquote>
              )}
              <p>
                On <q>{item.annotation.exact.length > 120 ? `${item.annotation.exact.slice(0, 119)}…` : item.annotation.exact}</q> in{" "}
                <em>{item.document.title}</em>
              </p>
              <div className="toolbar">
                <Link href={mentionHref(item)} className="button" onClick={() => opened(item)}>
                  {item.kind === "MENTION" ? "Open the discussion" : "Open the annotation"}
                  <span className="sr-only"> in {item.document.title}</span>
                </Link>
                {!item.readAt && (
                  <button type="button" className="button link" disabled={pending} onClick={() => mark({ ids: [item.id] })}>
                    Mark as read
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** What happened, in words: who did it and to what. */
function InboxHeadline(props: { item: TInboxItem }) {
  const { item } = props;
  const who = <strong>{item.actor.name}</strong>;
  const status = STATUS_INFO[item.annotation.status].label;
  switch (item.kind) {
    case "MENTION":
      return <>{who} mentioned you</>;
    case "SIGN_OFF_REQUESTED":
      return <>{who}’s verdict “{status}” waits for your sign-off</>;
    case "VERDICT_RETURNED":
      return <>{who} returned your verdict</>;
    case "VERDICT_CONFIRMED":
      return <>{who} confirmed your verdict “{status}”</>;
    case "ASSIGNED":
      return <>{who} assigned an annotation to you</>;
  }
}
