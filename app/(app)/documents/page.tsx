import type { Metadata } from "next";
import Link from "next/link";
import { DocumentListControls, DocumentListPager } from "@/components/documents/document-list-controls";
import { listDocumentPage } from "@/lib/documents/list-page";
import { ZDocumentListQuery } from "@/lib/documents/schemas";
import { formatDateTime, formatLength } from "@/lib/format";
import { hasRole } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";
import { listWorkspaces } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Documents" };

type TProps = { searchParams: Promise<{ deleted?: string; q?: string; sort?: string; dir?: string; after?: string; before?: string }> };

/** "2 of 5 (40%)", or a dash without annotations. */
function verifiedShare(verified: number, total: number): string {
  return total === 0 ? "—" : `${verified} of ${total} (${Math.round((verified / total) * 100)}%)`;
}

export default async function DocumentsPage({ searchParams }: TProps) {
  const user = await requirePageUser();
  const { deleted, ...params } = await searchParams;
  const query = ZDocumentListQuery.parse(params);
  const [page, workspaces] = await Promise.all([listDocumentPage({ userId: user.id, query }), listWorkspaces({ userId: user.id })]);
  const documents = page.documents;
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
      {(page.total > 0 || query.q) && <DocumentListControls query={query} />}
      {documents.length === 0 && query.q ? (
        <p className="empty" role="status">
          No document title contains “{query.q}”.
        </p>
      ) : documents.length === 0 ? (
        <p className="empty">
          No documents yet.{" "}
          {workspaces.length === 0 ? <Link href="/workspaces">Create a workspace</Link> : canCreate ? <Link href="/documents/new">Add one</Link> : "An editor of your workspace can add some."}
        </p>
      ) : (
        <>
          <div className="table-scroll">
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
                  <th scope="col" className="num">
                    Verified
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
                    <td className="num">{verifiedShare(d.verifiedCount, d.annotationCount)}</td>
                    <td>
                      <time dateTime={d.lastChangeAt.toISOString()}>{formatDateTime(d.lastChangeAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <DocumentListPager page={page} />
        </>
      )}
    </main>
  );
}
