import type { Metadata } from "next";
import Link from "next/link";
import { SourceForm } from "@/components/sources/source-form";
import { requirePageUser } from "@/lib/session";
import { workspacesWithRole } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "New source" };

type TProps = { searchParams: Promise<{ workspace?: string }> };

export default async function NewSourcePage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const { workspace: wanted } = await searchParams;
  // Reviewers create sources while annotating, so they may here too; the action checks again.
  const { workspaces, chosen: workspace } = await workspacesWithRole({ userId: user.id, role: "REVIEWER", wanted });
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
