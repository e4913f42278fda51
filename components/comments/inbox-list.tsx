"use client";
import Link from "next/link";
import { useState } from "react";
import { announceUnread } from "@/components/comments/inbox-link";
import { markMentionsReadAction } from "@/lib/comments/actions";
import { mentionHref, type TInbox, type TInboxItem } from "@/lib/comments/schemas";
import { formatDateTime } from "@/lib/format";

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
        <p role="status">{unread === 0 ? "No unread mentions." : `${unread} unread ${unread === 1 ? "mention" : "mentions"}.`}</p>
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
        <p className="empty">Nobody has mentioned you yet. When a member writes @ and your name in a discussion, it shows up here.</p>
      ) : (
        <ol className="inbox-list">
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? "inbox-item" : "inbox-item unread"}>
              <p className="inbox-meta">
                {!item.readAt && <span className="badge unread-badge">Unread</span>} <strong>{item.comment.author.name}</strong> mentioned you ·{" "}
                <time dateTime={item.comment.createdAt}>{formatDateTime(new Date(item.comment.createdAt))}</time>
              </p>
              <blockquote className="inbox-excerpt">{item.comment.excerpt}</blockquote>
              <p>
                On <q>{item.annotation.exact.length > 120 ? `${item.annotation.exact.slice(0, 119)}…` : item.annotation.exact}</q> in{" "}
                <em>{item.document.title}</em>
              </p>
              <div className="toolbar">
                <Link href={mentionHref(item)} className="button" onClick={() => opened(item)}>
                  Open the discussion<span className="sr-only"> in {item.document.title}</span>
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
