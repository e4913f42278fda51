import type { Metadata } from "next";
import Link from "next/link";
import { RegistrySearch } from "@/components/sources/registry-search";
import { RegistryTable } from "@/components/sources/registry-table";
import { hasRole } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";
import { listRegistry } from "@/lib/sources/registry";
import { ZRegistryQuery } from "@/lib/sources/registry-schemas";
import { listWorkspaces } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Sources" };

type TProps = { searchParams: Promise<{ workspace?: string; q?: string; sort?: string; dir?: string }> };

export default async function SourcesPage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const params = await searchParams;
  const workspaces = await listWorkspaces({ userId: user.id });
  if (workspaces.length === 0) {
    return (
      <main className="page">
        <h1>Sources</h1>
        <p className="empty">
          You are in no workspace yet. <Link href="/workspaces">Create a workspace</Link> to record sources.
        </p>
      </main>
    );
  }
  // An unknown or foreign workspace id falls back to the first of the user's own.
  const workspace = workspaces.find((w) => w.id === params.workspace) ?? workspaces[0];
  const query = ZRegistryQuery.parse({ ...params, workspaceId: workspace.id });
  const entries = await listRegistry({ userId: user.id, ...query });
  const ws = encodeURIComponent(workspace.id);

  return (
    <main className="page">
      <div className="page-title">
        <h1>Sources{workspaces.length > 1 && <span className="muted"> · {workspace.name}</span>}</h1>
        <div className="toolbar">
          {hasRole(workspace.role, "REVIEWER") && (
            <>
              <Link href={`/sources/new?workspace=${ws}`} className="button primary">
                New source
              </Link>
              <Link href={`/sources/import?workspace=${ws}`} className="button">
                Import
              </Link>
            </>
          )}
        </div>
      </div>
      <RegistrySearch query={query} workspaces={workspaces} />
      <p className="toolbar">
        Export all sources: <a href={`/api/v1/sources/export?workspaceId=${ws}&format=csl`}>CSL-JSON</a>
        <a href={`/api/v1/sources/export?workspaceId=${ws}&format=bibtex`}>BibTeX</a>
      </p>
      {entries.length === 0 ? (
        <p className="empty" role="status">
          {query.q ? `No source matches “${query.q}”.` : "No sources yet."}
        </p>
      ) : (
        <RegistryTable entries={entries} query={query} canEdit={hasRole(workspace.role, "EDITOR")} />
      )}
    </main>
  );
}
