import type { Metadata } from "next";
import Link from "next/link";
import { NewDocumentForm } from "@/components/documents/new-document-form";
import { requirePageUser } from "@/lib/session";
import { workspacesWithRole } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "New document" };

export default async function NewDocumentPage() {
  const user = await requirePageUser();
  const { workspaces } = await workspacesWithRole({ userId: user.id, role: "EDITOR" });
  return (
    <main className="page narrow">
      <h1>New document</h1>
      {workspaces.length === 0 ? (
        <p role="status">
          Only editors and owners add documents, and you are neither in any workspace. <Link href="/workspaces">Create a workspace</Link> of your own to add documents there.
        </p>
      ) : (
        <NewDocumentForm workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))} />
      )}
    </main>
  );
}
