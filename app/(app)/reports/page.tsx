import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WorkspaceExport } from "@/components/exports/workspace-export";
import { WorkspaceChooser } from "@/components/queue/workspace-chooser";
import { ReportOptions } from "@/components/reports/report-options";
import { ReportView } from "@/components/reports/report-view";
import { listDocuments } from "@/lib/documents/queries";
import { loadWorkspaceReport } from "@/lib/reports/load";
import { pageOrigin } from "@/lib/reports/page-origin";
import { reportOptionsFrom, reportQuery, type TSearchParams } from "@/lib/reports/query";
import { requirePageUser } from "@/lib/session";
import { workspacesWithRole } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Reports" };

type TProps = { searchParams: Promise<TSearchParams> };

/**
 * The workspace's annotated citation report: all its documents or the ones ticked, with the same
 * options as a document's report, and the workspace export (a background job with progress).
 */
export default async function WorkspaceReportPage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const search = await searchParams;
  const wanted = typeof search.workspace === "string" ? search.workspace : undefined;
  const { workspaces, chosen: workspace } = await workspacesWithRole({ userId: user.id, role: "VIEWER", wanted });
  // Another workspace's id is not found, as everywhere.
  if (wanted && workspace?.id !== wanted) notFound();
  if (!workspace) {
    return (
      <main className="page">
        <h1>Reports</h1>
        <p className="empty">
          You are in no workspace yet. <Link href="/workspaces">Create a workspace</Link> to start checking.
        </p>
      </main>
    );
  }
  const { options, documents: asked } = reportOptionsFrom(search);
  const documents = (await listDocuments({ userId: user.id, workspaceId: workspace.id })).sort((a, b) => a.title.localeCompare(b.title, "en") || a.id.localeCompare(b.id));
  // Ids that are not (or no longer) this workspace's documents are dropped; none left means all.
  const chosen = asked.filter((id) => documents.some((d) => d.id === id));
  const report = await loadWorkspaceReport({ userId: user.id, workspaceId: workspace.id, documentIds: chosen, origin: await pageOrigin(), options });
  return (
    <main className="page report-page">
      <div className="rp-controls">
        <div className="page-title">
          <p className="rp-page-kicker">Workspace report</p>
          <WorkspaceChooser action="/reports" workspaces={workspaces} chosenId={workspace.id} />
        </div>
        <ReportOptions
          action="/reports"
          options={options}
          keep={{ workspace: workspace.id }}
          documents={documents.map((d) => ({ id: d.id, title: d.title, chosen: chosen.length === 0 || chosen.includes(d.id) }))}
        />
        <WorkspaceExport workspaceId={workspace.id} query={reportQuery(options, chosen)} />
      </div>
      <ReportView report={report} />
    </main>
  );
}
