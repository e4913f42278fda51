import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HistoryEntryView } from "@/components/annotator/history";
import { shorten } from "@/lib/anchoring/selectors";
import { activityDocument, eventNames, listDocumentActivity, ZActivityQuery, type TActivityQuery } from "@/lib/annotations/activity";
import { describeEvent, EVENT_TITLES, EVENT_TYPES, historyNames } from "@/lib/annotations/history";
import { AppError } from "@/lib/errors";
import { requirePageUser } from "@/lib/session";
import { listMemberOptions } from "@/lib/workspaces/queries";

type TSearch = { before?: string; type?: string; actor?: string };
type TProps = { params: Promise<{ id: string }>; searchParams: Promise<TSearch> };

/** The filters of the URL; one that does not parse (a hand-edited URL) is dropped, not an error page. */
function readQuery(search: TSearch): TActivityQuery {
  const query: TActivityQuery = {};
  for (const key of ["before", "type", "actor"] as const) {
    const parsed = ZActivityQuery.shape[key].safeParse(search[key] || undefined);
    if (parsed.success && parsed.data) Object.assign(query, { [key]: parsed.data });
  }
  return query;
}

function href(documentId: string, query: TActivityQuery) {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  return `/documents/${documentId}/activity${search ? `?${search}` : ""}`;
}

async function load(userId: string, documentId: string) {
  try {
    return await activityDocument({ userId, documentId });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const user = await requirePageUser();
  const document = await load(user.id, (await params).id);
  return { title: `Activity · ${document.title}` };
}

/** Every change to the document's annotations, newest first, 50 a page, by event type and member. */
export default async function DocumentActivityPage({ params, searchParams }: TProps) {
  const user = await requirePageUser();
  const document = await load(user.id, (await params).id);
  const query = readQuery(await searchParams);
  const [page, members] = await Promise.all([
    listDocumentActivity({ userId: user.id, documentId: document.id, ...query }),
    listMemberOptions({ userId: user.id, workspaceId: document.workspaceId }),
  ]);
  const names = historyNames({ members, extra: await eventNames({ userId: user.id, events: page.events }) });
  const filtered = Boolean(query.type || query.actor);

  return (
    <main className="page">
      <div className="page-title">
        <h1>
          Activity <span className="muted">· {document.title}</span>
        </h1>
        <Link href={`/documents/${document.id}`} className="button">
          Back to the document
        </Link>
      </div>
      <form method="get" action={`/documents/${document.id}/activity`} role="search" aria-label="Filter activity" className="inline-form activity-filters">
        <label htmlFor="activity-type">Event type</label>
        <select id="activity-type" name="type" defaultValue={query.type ?? ""}>
          <option value="">All types</option>
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {EVENT_TITLES[type]}
            </option>
          ))}
        </select>
        <label htmlFor="activity-actor">Member</label>
        <select id="activity-actor" name="actor" defaultValue={query.actor ?? ""}>
          <option value="">Everyone</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          Filter
        </button>
        {filtered && <Link href={href(document.id, {})}>Clear filters</Link>}
      </form>
      {page.events.length === 0 ? (
        <p className="empty" role="status">
          {filtered ? "No events match these filters." : query.before ? "No older events." : "Nothing has been annotated in this document yet."}
        </p>
      ) : (
        <ol className="activity-feed" aria-label="Events, newest first">
          {page.events.map((event) => (
            <li key={event.id} className="activity-item">
              <p className="activity-annotation">
                <Link href={`/documents/${document.id}?annotation=${encodeURIComponent(event.annotation.id)}`}>“{shorten(event.annotation.exact, 80)}”</Link>
                {event.annotation.deleted && <span className="muted"> (deleted)</span>}
              </p>
              <HistoryEntryView entry={describeEvent(event, names, event.spanBefore)} />
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="toolbar activity-pages">
        {query.before && <Link href={href(document.id, { ...query, before: undefined })}>Newest events</Link>}
        {page.nextBefore && (
          <Link href={href(document.id, { ...query, before: page.nextBefore })} className="button">
            Older events
          </Link>
        )}
      </nav>
    </main>
  );
}
