import type { Metadata } from "next";
import Link from "next/link";
import { InboxList } from "@/components/comments/inbox-list";
import { listInbox } from "@/lib/comments/queries";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Inbox" };

type TProps = { searchParams: Promise<{ cursor?: string | string[] }> };

/** The signed-in member's mentions and notifications, newest first. */
export default async function InboxPage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const { cursor } = await searchParams;
  const inbox = await listInbox({ userId: user.id, cursor: typeof cursor === "string" ? cursor : undefined });
  // Keyed by what it shows, so coming back to the page starts from the server's state again.
  const key = inbox.items.map((i) => `${i.id}:${i.readAt ? 1 : 0}`).join() + `|${inbox.unread}`;
  return (
    <main className="page">
      <h1>Inbox</h1>
      <p className="muted">
        Comments that mention you, and news of your work: verdicts to sign off, yours returned or confirmed, annotations assigned to you.{" "}
        <Link href="/settings/notifications">Choose what shows here</Link>.
      </p>
      <InboxList key={key} inbox={inbox} />
      {inbox.nextCursor && (
        <p>
          <Link href={`/inbox?cursor=${encodeURIComponent(inbox.nextCursor)}`}>Older entries</Link>
        </p>
      )}
      {cursor && (
        <p>
          <Link href="/inbox">Back to the newest</Link>
        </p>
      )}
    </main>
  );
}
