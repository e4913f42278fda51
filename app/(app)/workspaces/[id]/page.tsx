import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InviteMemberForm } from "@/components/workspaces/invite-member-form";
import { MemberRowControls } from "@/components/workspaces/member-row-controls";
import { PendingInvitations } from "@/components/workspaces/pending-invitations";
import { RestoreButton } from "@/components/workspaces/restore-button";
import { SignOffSetting } from "@/components/workspaces/sign-off-setting";
import { listDeletedDocuments } from "@/lib/documents/queries";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { listPendingInvitations } from "@/lib/invitations/queries";
import { requirePageUser } from "@/lib/session";
import { getWorkspace } from "@/lib/workspaces/queries";

type TProps = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Workspace" };

export default async function WorkspacePage({ params }: TProps) {
  const user = await requirePageUser();
  const { id } = await params;
  const workspace = await getWorkspace({ userId: user.id, workspaceId: id }).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const isOwner = workspace.myRole === "OWNER";
  const deleted = isOwner ? await listDeletedDocuments({ userId: user.id, workspaceId: id }) : [];
  const invitations = isOwner ? await listPendingInvitations({ userId: user.id, workspaceId: id }) : [];

  return (
    <main className="page">
      <p>
        <Link href="/workspaces">Workspaces</Link>
      </p>
      <h1>{workspace.name}</h1>
      <p>
        Your role: <span className="badge">{workspace.myRole}</span>
      </p>

      <h2>Verification</h2>
      {isOwner ? (
        <SignOffSetting workspaceId={id} initial={{ requireSignOff: workspace.requireSignOff, version: workspace.version }} />
      ) : (
        <p>
          {workspace.requireSignOff
            ? "Verdicts need a second person's sign-off: an editor or owner other than the one who gave the verdict."
            : "Verdicts do not need a second person's sign-off in this workspace."}
        </p>
      )}

      <h2>Members</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Member since</th>
          </tr>
        </thead>
        <tbody>
          {workspace.members.map((m) => (
            <tr key={m.userId}>
              <th scope="row">{m.email}</th>
              <td>{m.name}</td>
              <td>{isOwner ? <MemberRowControls workspaceId={id} memberId={m.userId} email={m.email} role={m.role} /> : m.role}</td>
              <td>{formatDateTime(m.joinedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {isOwner && (
        <>
          <h2>Invite a member</h2>
          <InviteMemberForm workspaceId={id} />
          <h2>Pending invitations</h2>
          <PendingInvitations workspaceId={id} invitations={invitations} />
          <h2>Deleted documents</h2>
          {deleted.length === 0 ? (
            <p className="muted">No deleted documents.</p>
          ) : (
            <ul className="plain">
              {deleted.map((d) => (
                <li key={d.id}>
                  {d.title} <span className="muted">deleted {formatDateTime(d.deletedAt)}</span> <RestoreButton documentId={d.id} title={d.title} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  );
}
