import "server-only";
import { memberWorkspaces, requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import { hasRole, type TRole } from "@/lib/roles";
import type { TMemberOption } from "@/lib/workspaces/schemas";

export type TWorkspaceSummary = { id: string; name: string; role: TRole; memberCount: number; documentCount: number };

export async function listWorkspaces(options: { userId: string }): Promise<TWorkspaceSummary[]> {
  const rows = await db().workspace.findMany({
    where: memberWorkspaces(options.userId),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      memberships: { where: { userId: options.userId }, select: { role: true } },
      _count: { select: { memberships: true, documents: { where: { deletedAt: null } } } },
    },
  });
  return rows.map((w) => ({
    id: w.id,
    name: w.name,
    role: w.memberships[0].role,
    memberCount: w._count.memberships,
    documentCount: w._count.documents,
  }));
}

export type TMemberRow = { userId: string; email: string; name: string; role: TRole; joinedAt: Date };
export type TWorkspaceDetail = { id: string; name: string; myRole: TRole; members: TMemberRow[]; requireSignOff: boolean; version: number };

export async function getWorkspace(options: { userId: string; workspaceId: string }): Promise<TWorkspaceDetail> {
  const me = await requireMember(options);
  const workspace = await db().workspace.findUniqueOrThrow({
    where: { id: options.workspaceId },
    select: {
      id: true,
      name: true,
      requireSignOff: true,
      version: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
      },
    },
  });
  return {
    id: workspace.id,
    name: workspace.name,
    myRole: me.role,
    requireSignOff: workspace.requireSignOff,
    version: workspace.version,
    members: workspace.memberships.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt })),
  };
}

/** The members of a workspace the user belongs to, by name, for pickers (assignment, @mentions). */
export async function listMemberOptions(options: { userId: string; workspaceId: string }): Promise<TMemberOption[]> {
  await requireMember(options);
  const rows = await db().membership.findMany({
    where: { workspaceId: options.workspaceId },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((m) => ({ ...m.user, role: m.role }));
}

/** The user's workspaces where they hold at least `role`, and the one asked for (else the first). */
export async function workspacesWithRole(options: { userId: string; role: TRole; wanted?: string }) {
  const workspaces = (await listWorkspaces({ userId: options.userId })).filter((w) => hasRole(w.role, options.role));
  return { workspaces, chosen: workspaces.find((w) => w.id === options.wanted) ?? workspaces[0] };
}
