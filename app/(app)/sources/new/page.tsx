import type { Metadata } from "next";
import Link from "next/link";
import { SourceForm } from "@/components/sources/source-form";
import { hasRole } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";
import { listWorkspaces } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "New source" };

type TProps = { searchParams: Promise<{ workspace?: string }> };

export default async function NewSourcePage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const { workspace: wanted } = await searchParams;
  // Reviewers create sources while annotating, so they may here too; the action checks again.
  const workspaces = (await listWorkspaces({ userId: user.id })).filter((w) => hasRole(w.role, "REVIEWER"));
  const workspace = workspaces.find((w) => w.id === wanted) ?? workspaces[0];
  return (
    <main className="page narrow">
      <p>
        <Link href={workspace ? `/sources?workspace=${encodeURIComponent(workspace.id)}` : "/sources"}>← Sources</Link>
      </p>
      <h1>New source</h1>
      {workspace ? (
        <>
          {workspaces.length > 1 && <p className="muted">In {workspace.name}</p>}
          <SourceForm mode="create" workspaceId={workspace.id} />
        </>
      ) : (
        <p role="status">Only reviewers, editors and owners add sources, and you are none of these in any workspace.</p>
      )}
    </main>
  );
}
