import "server-only";
import { requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import type { TInvitationState, TInvitationView } from "@/lib/invitations/schemas";
import { invitationHash } from "@/lib/invitations/token";
import type { TRole } from "@/lib/roles";

export function presentInvitation(row: { id: string; email: string; role: TRole; createdAt: Date; expiresAt: Date }): TInvitationView {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
}

/** The workspace's pending invitations, newest first (OWNER). */
export async function listPendingInvitations(options: { userId: string; workspaceId: string }): Promise<TInvitationView[]> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "OWNER" });
  const rows = await db().invitation.findMany({
    where: { workspaceId: options.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
  return rows.map(presentInvitation);
}

export type TInvitationPage = { email: string; role: TRole; workspaceName: string; expiresAt: string; state: TInvitationState };

/** What the link's holder sees on the invitation page: null for a link that matches no invitation. */
export async function invitationForToken(token: string, now = new Date()): Promise<TInvitationPage | null> {
  const tokenHash = invitationHash(token);
  if (!tokenHash) return null;
  const row = await db().invitation.findUnique({
    where: { tokenHash },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { name: true } } },
  });
  if (!row) return null;
  const state: TInvitationState = row.acceptedAt ? "accepted" : row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "pending";
  return { email: row.email, role: row.role, workspaceName: row.workspace.name, expiresAt: row.expiresAt.toISOString(), state };
}
