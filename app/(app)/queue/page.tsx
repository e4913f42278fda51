import type { Metadata } from "next";
import Link from "next/link";
import { QueueFilters } from "@/components/queue/queue-filters";
import { QueueTable, type TQueueViewRow } from "@/components/queue/queue-table";
import { WorkspaceChooser } from "@/components/queue/workspace-chooser";
import { formatDateTime } from "@/lib/format";
import { formatAge } from "@/lib/queue/age";
import { canSignOff, countQueue, listQueue, queueOptions } from "@/lib/queue/queries";
import { formatQueueCount, NO_SOURCE, QUEUE_TAB_INFO, QUEUE_TABS, parseQueueParams, queueHref, type TQueueFilters, type TQueueRow } from "@/lib/queue/schemas";
import { hasRole, ROLE_DESCRIPTIONS } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";
import { workspacesWithRole } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Queue" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QueuePage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const params = parseQueueParams(await searchParams);
  const { workspaces, chosen: workspace } = await workspacesWithRole({ userId: user.id, role: "VIEWER", wanted: params.workspace });
  if (!workspace) {
    return (
      <main className="page">
        <h1>Verification queue</h1>
        <p className="empty">
          You are in no workspace yet. <Link href="/workspaces">Create a workspace</Link> to start checking.
        </p>
      </main>
    );
  }

  const options = await queueOptions({ userId: user.id, workspaceId: workspace.id });
  // Filters naming another workspace's document or source are dropped, not applied to nothing.
  const filters: TQueueFilters = {
    document: options.documents.some((d) => d.id === params.document) ? params.document : undefined,
    source: params.source === NO_SOURCE || options.sources.some((s) => s.id === params.source) ? params.source : undefined,
    status: params.status,
    signOff: params.signOff,
  };
  // Viewers are never assigned anything: their queue opens on every annotation.
  const tab = params.tab ?? (hasRole(workspace.role, "REVIEWER") ? "mine" : "all");
  const mayList = tab !== "sign-off" || canSignOff(workspace.role);
  const [counts, page] = await Promise.all([
    countQueue({ userId: user.id, workspaceId: workspace.id, filters }),
    mayList ? listQueue({ userId: user.id, workspaceId: workspace.id, tab, filters, after: params.after, before: params.before }) : null,
  ]);
  const here = { workspace: workspace.id, tab, ...filters };
  const now = new Date();
  const view = (row: TQueueRow): TQueueViewRow => {
    const since = new Date((tab === "sign-off" && row.verdictAt) || row.createdAt);
    return { ...row, waitingSince: since.toISOString(), waitingSinceText: formatDateTime(since), age: formatAge(since, now) };
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <main className="page">
      <div className="page-title">
        <h1>
          Verification queue{workspaces.length > 1 && <span className="muted"> · {workspace.name}</span>}
        </h1>
        <Link href={`/dashboard?workspace=${encodeURIComponent(workspace.id)}`}>Progress dashboard</Link>
      </div>
      <WorkspaceChooser action="/queue" workspaces={workspaces} chosenId={workspace.id} keep={{ tab }} />
      <nav aria-label="Queue views" className="tabs">
        <ul>
          {QUEUE_TABS.map((t) => (
            <li key={t}>
              <Link href={queueHref({ ...here, tab: t })} aria-current={t === tab ? "page" : undefined}>
                {QUEUE_TAB_INFO[t].label}
                {counts[t] !== null && <span className="tab-count"> ({formatQueueCount(counts[t])})</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <QueueFilters workspaceId={workspace.id} tab={tab} filters={filters} documents={options.documents} sources={options.sources} />
      {page ? (
        <>
          <p className="muted small">
            {formatQueueCount(counts[tab] ?? 0)} {counts[tab] === 1 ? "annotation" : "annotations"}
            {filtered ? (counts[tab] === 1 ? " matches these filters" : " match these filters") : ""}. Oldest first{tab === "sign-off" ? ", by when the verdict was given" : ""}; 50 per page.
          </p>
          <QueueTable
            workspaceId={workspace.id}
            viewerId={user.id}
            caption={`${QUEUE_TAB_INFO[tab].label}, oldest first`}
            empty={filtered ? "No annotations match these filters." : QUEUE_TAB_INFO[tab].empty}
            rows={page.rows.map(view)}
            assignees={options.members.filter((m) => hasRole(m.role, "REVIEWER"))}
            canAct={hasRole(workspace.role, "REVIEWER")}
          />
          {(page.previous || page.next) && (
            <nav aria-label="Pages" className="pager">
              {page.previous && <Link href={queueHref({ ...here, before: page.previous })}>← Previous 50</Link>}
              {page.next && <Link href={queueHref({ ...here, after: page.next })}>Next 50 →</Link>}
            </nav>
          )}
        </>
      ) : (
        <p className="empty" role="status">
          Only editors and owners sign off verdicts under the two-person rule. You are a {workspace.role.toLowerCase()} here (
          {ROLE_DESCRIPTIONS[workspace.role].toLowerCase()}), so no verdict waits for your sign-off.
        </p>
      )}
    </main>
  );
}
