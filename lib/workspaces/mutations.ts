import "server-only";
import { requireMember } from "@/lib/access";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { TRole } from "@/lib/roles";
import type { TWorkspaceSettings } from "@/lib/workspaces/schemas";

export async function createWorkspace(options: { userId: string; name: string }): Promise<{ id: string; name: string }> {
  return db().workspace.create({
    data: { name: options.name, memberships: { create: { userId: options.userId, role: "OWNER" } } },
    select: { id: true, name: true },
  });
}

/** Locks the workspace row so concurrent role changes cannot both remove "the other" owner. */
async function lockWorkspace(tx: TTx, workspaceId: string) {
  await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
}

async function assertNotLastOwner(tx: TTx, workspaceId: string, userId: string) {
  const owners = await tx.membership.count({ where: { workspaceId, role: "OWNER", userId: { not: userId } } });
  if (owners === 0) throw new AppError("CONFLICT", "A workspace needs at least one owner; make another member OWNER first");
}

export async function changeRole(options: { userId: string; workspaceId: string; memberId: string; role: TRole }): Promise<void> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "OWNER" });
  await db().$transaction(async (tx) => {
    await lockWorkspace(tx, options.workspaceId);
    const target = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.memberId } } });
    if (!target) throw notFound("Member not found");
    if (target.role === "OWNER" && options.role !== "OWNER") await assertNotLastOwner(tx, options.workspaceId, options.memberId);
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.memberId } }, data: { role: options.role } });
  });
}

export async function removeMember(options: { userId: string; workspaceId: string; memberId: string }): Promise<void> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "OWNER" });
  await db().$transaction(async (tx) => {
    await lockWorkspace(tx, options.workspaceId);
    const target = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.memberId } } });
    if (!target) throw notFound("Member not found");
    if (target.role === "OWNER") await assertNotLastOwner(tx, options.workspaceId, options.memberId);
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.memberId } } });
  });
}

/**
 * Changes the user's password: the current one is required (422 on `current`), except for the
 * forced first change after a one-time password. Every session signed in before is ended (the
 * session version goes up; the caller re-issues its own session at the new version), and, when
 * the user chooses, every API token of theirs is revoked. Returns the new session version.
 */
export async function changePassword(options: { userId: string; current: string; password: string; revokeTokens: boolean }): Promise<number> {
  const user = await db().user.findUniqueOrThrow({ where: { id: options.userId }, select: { passwordHash: true, mustChangePassword: true } });
  if (!user.mustChangePassword && !(await verifyPassword(user.passwordHash, options.current))) {
    throw new AppError("VALIDATION", "Your current password is not right", { current: "Your current password is not right" });
  }
  const passwordHash = await hashPassword(options.password);
  return db().$transaction(async (tx) => {
    const { sessionVersion } = await tx.user.update({
      where: { id: options.userId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    if (options.revokeTokens) await tx.apiToken.updateMany({ where: { userId: options.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    return sessionVersion;
  });
}

/** Ends every session of the user, this one too ("Sign out everywhere"). */
export async function endAllSessions(options: { userId: string }): Promise<void> {
  await db().user.update({ where: { id: options.userId }, data: { sessionVersion: { increment: 1 } } });
}

export type TWorkspaceSettingsView = { requireSignOff: boolean; version: number };

/**
 * Changes workspace settings (OWNER) against the version the owner saw: 409 with the settings as
 * they stand when another change landed first. Verdicts already given keep their sign-off state;
 * the setting applies to verdicts given from now on.
 */
export async function updateWorkspaceSettings(options: { userId: string; workspaceId: string; input: TWorkspaceSettings }): Promise<TWorkspaceSettingsView> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "OWNER" });
  const { version, ...settings } = options.input;
  const { count } = await db().workspace.updateMany({
    where: { id: options.workspaceId, version },
    data: { ...settings, version: { increment: 1 } },
  });
  const current = await db().workspace.findUniqueOrThrow({ where: { id: options.workspaceId }, select: { requireSignOff: true, version: true } });
  if (count === 0) throw new AppError("CONFLICT", "Another owner changed these settings", undefined, { current });
  return current;
}
