"use client";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/lib/format";
import { revokeInvitationAction } from "@/lib/invitations/actions";
import type { TInvitationView } from "@/lib/invitations/schemas";

export function PendingInvitations({ workspaceId, invitations }: { workspaceId: string; invitations: TInvitationView[] }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (invitations.length === 0) return <p className="muted">No pending invitations.</p>;

  function revoke(invitation: TInvitationView) {
    if (!window.confirm(`Revoke the invitation of ${invitation.email}? Its link stops working.`)) return;
    setError(null);
    startTransition(async () => {
      const result = await revokeInvitationAction(workspaceId, invitation.id);
      if (!result.ok) setError(result.error.message);
    });
  }

  return (
    <>
      <table className="table">
        <caption className="sr-only">Pending invitations</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.email}</th>
              <td>{i.role}</td>
              <td>{formatDateTime(new Date(i.expiresAt))}</td>
              <td>
                <button type="button" className="button danger" disabled={pending} aria-label={`Revoke the invitation of ${i.email}`} onClick={() => revoke(i)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
