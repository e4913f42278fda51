import type { Metadata } from "next";
import Link from "next/link";
import { ChartToggle } from "@/components/dashboard/chart-toggle";
import { MembersTable } from "@/components/dashboard/members-table";
import { StatusLegend } from "@/components/dashboard/status-legend";
import { QueueCount, StatusTable, type TStatusRow } from "@/components/dashboard/status-table";
import { VerdictChart, VerdictTable } from "@/components/dashboard/verdict-chart";
import { WorkspaceChooser } from "@/components/queue/workspace-chooser";
import { getDashboard } from "@/lib/dashboard/queries";
import { totalOf, type TDocumentPage, type TDocumentProgress } from "@/lib/dashboard/schemas";
import { formatWeekLong } from "@/lib/dashboard/weeks";
import { formatNumber } from "@/lib/format";
import { NO_SOURCE, queueHref } from "@/lib/queue/schemas";
import { requirePageUser } from "@/lib/session";
import { workspacesWithRole } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Dashboard" };

type TProps = { searchParams: Promise<{ workspace?: string | string[]; page?: string | string[] }> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** "Documents 51–100 of 10,000" with links to the pages before and after; nothing when one page holds them all. */
function DocumentPager(props: { page: TDocumentPage; workspaceId: string }) {
  const { page, pages, perPage, total } = props.page;
  if (pages <= 1) return null;
  const href = (n: number) => `/dashboard?${new URLSearchParams({ workspace: props.workspaceId, page: String(n) })}`;
  const from = (page - 1) * perPage + 1;
  const to = Math.min(page * perPage, total);
  return (
    <nav aria-label="Pages of documents" className="pager">
      {page > 1 && <Link href={href(page - 1)}>← Previous {perPage}</Link>}
      <span>
        Documents {formatNumber(from)}–{formatNumber(to)} of {formatNumber(total)}
      </span>
      {page < pages && <Link href={href(page + 1)}>Next {Math.min(perPage, total - to)} →</Link>}
    </nav>
  );
}

/** "3 of 5 verdicts (60%)", each count opening the queue at those annotations. */
function SignedOff(props: { doc: TDocumentProgress; workspaceId: string; requireSignOff: boolean }) {
  const { doc } = props;
  if (doc.verdicts === 0) return <span className="muted">No verdicts yet</span>;
  if (!props.requireSignOff && doc.confirmed + doc.awaiting === 0) return <span className="muted">Not required here</span>;
  const filter = { document: doc.id };
  return (
    <span>
      <QueueCount n={doc.confirmed} workspaceId={props.workspaceId} filter={{ ...filter, signOff: "CONFIRMED" }} what={`signed off — ${doc.title}`} /> of{" "}
      {doc.verdicts} {doc.verdicts === 1 ? "verdict" : "verdicts"} ({Math.round((doc.confirmed / doc.verdicts) * 100)}%)
      {doc.awaiting > 0 && (
        <>
          {" "}
          · <QueueCount n={doc.awaiting} workspaceId={props.workspaceId} filter={{ ...filter, signOff: "AWAITING" }} what={`awaiting sign-off — ${doc.title}`} /> awaiting
        </>
      )}
    </span>
  );
}

export default async function DashboardPage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const params = await searchParams;
  const { workspaces, chosen: workspace } = await workspacesWithRole({ userId: user.id, role: "VIEWER", wanted: first(params.workspace) });
  if (!workspace) {
    return (
      <main className="page">
        <h1>Progress</h1>
        <p className="empty">
          You are in no workspace yet. <Link href="/workspaces">Create a workspace</Link> to start checking.
        </p>
      </main>
    );
  }
  const d = await getDashboard({ userId: user.id, workspaceId: workspace.id, documentsPage: Number(first(params.page) ?? 1) });
  const ws = workspace.id;
  const documentRows: TStatusRow[] = d.documents.map((doc) => ({
    key: doc.id,
    name: doc.title,
    label: <Link href={`/documents/${doc.id}`}>{doc.title}</Link>,
    counts: doc.counts,
    total: doc.total,
    filter: { document: doc.id },
    extra: <SignedOff doc={doc} workspaceId={ws} requireSignOff={d.requireSignOff} />,
  }));
  const sourceRows: TStatusRow[] = d.sources.map((s) => ({
    key: s.id ?? NO_SOURCE,
    name: s.label,
    label: s.id ? <Link href={`/sources/${s.id}`}>{s.label}</Link> : <em>{s.label}</em>,
    counts: s.counts,
    total: s.total,
    filter: { source: s.id ?? NO_SOURCE },
  }));

  return (
    <main className="page dashboard">
      <div className="page-title">
        <h1>Progress{workspaces.length > 1 && <span className="muted"> · {workspace.name}</span>}</h1>
        <Link href={queueHref({ workspace: ws })}>Open the queue</Link>
      </div>
      <WorkspaceChooser action="/dashboard" workspaces={workspaces} chosenId={ws} />
      <p className="muted">Every count opens the queue with its filters. Annotations of deleted documents are not counted.</p>

      <section aria-labelledby="dash-documents">
        <h2 id="dash-documents">Documents</h2>
        {!d.requireSignOff && <p className="notice">This workspace does not ask for a second person&apos;s sign-off, so verdicts are not signed off.</p>}
        <StatusLegend />
        {documentRows.length === 0 ? (
          <p className="empty">No documents yet.</p>
        ) : (
          <StatusTable
            caption="Annotations per document by status, and the share of verdicts signed off"
            rowHeader="Document"
            rows={documentRows}
            workspaceId={ws}
            extraHeader="Signed off"
            foot={{ key: "all", name: "all documents", label: "All documents", counts: d.totals, total: totalOf(d.totals), filter: {} }}
          />
        )}
        <DocumentPager page={d.documentPage} workspaceId={ws} />
      </section>

      <section aria-labelledby="dash-sources">
        <h2 id="dash-sources">Sources</h2>
        {sourceRows.length === 0 ? (
          <p className="empty">No annotations yet.</p>
        ) : (
          <StatusTable
            caption={d.moreSources > 0 ? `Annotations per source by status: the ${sourceRows.length} most cited (${d.moreSources} more not shown)` : "Annotations per source by status"}
            rowHeader="Source"
            rows={sourceRows}
            workspaceId={ws}
          />
        )}
      </section>

      <section aria-labelledby="dash-members">
        <h2 id="dash-members">This week</h2>
        <MembersTable members={d.members} since={`Each member's work since Monday 00:00 UTC (${formatWeekLong(new Date(d.weekStart))})`} />
      </section>

      <section aria-labelledby="dash-verdicts">
        <h2 id="dash-verdicts">Verdicts over time</h2>
        <ChartToggle chart={<VerdictChart weeks={d.weeks} />} table={<VerdictTable weeks={d.weeks} />} />
      </section>
    </main>
  );
}
