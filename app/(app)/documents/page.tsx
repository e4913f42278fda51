import type { Metadata } from "next";
import Link from "next/link";
import { listDocuments } from "@/lib/documents/queries";
import { formatDateTime, formatLength } from "@/lib/format";
import { hasRole } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";
import { listWorkspaces } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Documents" };

type TProps = { searchParams: Promise<{ deleted?: string }> };

export default async function DocumentsPage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const { deleted } = await searchParams;
  const [documents, workspaces] = await Promise.all([listDocuments({ userId: user.id }), listWorkspaces({ userId: user.id })]);
  const canCreate = workspaces.some((w) => hasRole(w.role, "EDITOR"));
  const showWorkspace = workspaces.length > 1;

  return (
    <main className="page">
      <div className="page-title">
        <h1>Documents</h1>
        {canCreate && (
          <Link href="/documents/new" className="button primary">
            New document
          </Link>
        )}
      </div>
      {deleted && (
        <p role="status" className="notice">
          Deleted “{deleted}”. An owner of its workspace can restore it from the workspace page.
        </p>
      )}
      {documents.length === 0 ? (
        <p className="empty">
          No documents yet.{" "}
          {workspaces.length === 0 ? <Link href="/workspaces">Create a workspace</Link> : canCreate ? <Link href="/documents/new">Add one</Link> : "An editor of your workspace can add some."}
        </p>
      ) : (
        <table className="table">
          <caption className="sr-only">Documents you can open</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              {showWorkspace && <th scope="col">Workspace</th>}
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num">
                Annotations
              </th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <Link href={`/documents/${d.id}`}>{d.title}</Link>
                </th>
                {showWorkspace && <td>{d.workspaceName}</td>}
                <td className="num">{formatLength(d.length)}</td>
                <td className="num">{d.annotationCount.toLocaleString("en-GB")}</td>
                <td>
                  <time dateTime={d.lastChangeAt.toISOString()}>{formatDateTime(d.lastChangeAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
