import type { Metadata } from "next";
import Link from "next/link";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { formatCount } from "@/lib/format";
import { requirePageUser } from "@/lib/session";
import { listWorkspaces } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const user = await requirePageUser();
  const workspaces = await listWorkspaces({ userId: user.id });
  return (
    <main className="page">
      <h1>Workspaces</h1>
      {workspaces.length === 0 ? (
        <p className="empty">You are not a member of any workspace yet.</p>
      ) : (
        <ul className="cards">
          {workspaces.map((w) => (
            <li key={w.id} className="card">
              <h2>
                <Link href={`/workspaces/${w.id}`}>{w.name}</Link>
              </h2>
              <p>
                Your role: <span className="badge">{w.role}</span>
              </p>
              <p className="muted">
                {formatCount(w.memberCount, "member")} · {formatCount(w.documentCount, "document")}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>New workspace</h2>
      <p className="muted">You become its owner and can add members.</p>
      <CreateWorkspaceForm />
    </main>
  );
}
