import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/sources/import-form";
import { requirePageUser } from "@/lib/session";
import { workspacesWithRole } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Import sources" };

type TProps = { searchParams: Promise<{ workspace?: string }> };

export default async function ImportSourcesPage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const { workspace: wanted } = await searchParams;
  // Importing creates sources, which reviewers may do while annotating; the action checks again.
  const { workspaces, chosen: initial } = await workspacesWithRole({ userId: user.id, role: "REVIEWER", wanted });
  return (
    <main className="page">
      <p>
        <Link href={initial ? `/sources?workspace=${encodeURIComponent(initial.id)}` : "/sources"}>← Sources</Link>
      </p>
      <h1>Import sources</h1>
      {initial ? (
        <>
          <p className="hint">
            A BibTeX (.bib) or CSL-JSON (.json) file, as Zotero exports them. The preview shows which entries are new and which match a source you
            already have (same DOI, ISBN, URL, or title and year); only the new ones are imported, all at once.
          </p>
          <ImportForm workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))} initialWorkspaceId={initial.id} />
        </>
      ) : (
        <p role="status">Only reviewers, editors and owners add sources, and you are none of these in any workspace.</p>
      )}
    </main>
  );
}
