import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { requireMember } from "@/lib/access";
import { hashPassword } from "@/lib/auth/password";
import { acceptInvitation, createInvitation } from "@/lib/invitations/mutations";
import type { TRole } from "@/lib/roles";
import { db } from "@/lib/db";
import { listDocuments } from "@/lib/documents/queries";
import { createDocument } from "@/lib/documents/mutations";
import { createToken } from "@/lib/tokens/mutations";
import { changePassword, changeRole, createWorkspace, endAllSessions, removeMember, updateWorkspaceSettings } from "./mutations";

async function user() {
  return db().user.create({ data: { email: `${randomUUID()}@t.test`, name: "t", passwordHash: "x" }, select: { id: true, email: true } });
}

/** Joins through the invitation flow: the owner invites, the account's holder accepts. */
async function join(options: { ownerId: string; workspaceId: string; member: { id: string; email: string }; role: TRole }) {
  const { token } = await createInvitation({ userId: options.ownerId, workspaceId: options.workspaceId, input: { email: options.member.email, role: options.role } });
  await acceptInvitation({ userId: options.member.id, email: options.member.email, token });
}

describe("workspaces and membership (real database)", () => {
  it("the creator owns the workspace; strangers get 404, low roles 403", async () => {
    const [owner, stranger] = [await user(), await user()];
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    await expect(requireMember({ userId: owner.id, workspaceId: ws.id, role: "OWNER" })).resolves.toMatchObject({ role: "OWNER" });
    await expect(requireMember({ userId: stranger.id, workspaceId: ws.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await join({ ownerId: owner.id, workspaceId: ws.id, member: stranger, role: "VIEWER" });
    await expect(requireMember({ userId: stranger.id, workspaceId: ws.id, role: "EDITOR" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createDocument({ userId: stranger.id, input: { workspaceId: ws.id, title: "T", text: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a password change needs the current password, except the forced first change; it ends older sessions and revokes tokens when asked", async () => {
    // An account made before invitations, with a one-time password its holder had to replace.
    const oneTime = "one-time secret";
    const { id } = await db().user.create({
      data: { email: `${randomUUID()}@t.test`, name: "t", passwordHash: await hashPassword(oneTime), mustChangePassword: true },
      select: { id: true },
    });
    const version = async () => (await db().user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;
    const first = "the one I chose myself";
    // The forced first change asks for nothing more than the new password.
    expect(await changePassword({ userId: id, current: "", password: first, revokeTokens: false })).toBe(2);

    const token = await createToken({ userId: id, input: { name: "script", scope: "READ" } });
    for (const current of ["", oneTime, "wrong"]) {
      await expect(changePassword({ userId: id, current, password: "another long one", revokeTokens: true })).rejects.toMatchObject({
        code: "VALIDATION",
        fields: { current: "Your current password is not right" },
      });
    }
    expect(await version()).toBe(2);
    expect(await changePassword({ userId: id, current: first, password: "another long one", revokeTokens: false })).toBe(3);
    expect(await db().apiToken.findUniqueOrThrow({ where: { id: token.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
    expect(await changePassword({ userId: id, current: "another long one", password: "and a third one", revokeTokens: true })).toBe(4);
    expect(await db().apiToken.findUniqueOrThrow({ where: { id: token.id }, select: { revokedAt: true } })).toEqual({ revokedAt: expect.any(Date) });
    await endAllSessions({ userId: id });
    expect(await version()).toBe(5);
  });

  it("the last owner can be neither demoted nor removed, even by concurrent requests", async () => {
    const [a, b] = [await user(), await user()];
    const ws = await createWorkspace({ userId: a.id, name: "Desk" });
    await expect(removeMember({ userId: a.id, workspaceId: ws.id, memberId: a.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(changeRole({ userId: a.id, workspaceId: ws.id, memberId: a.id, role: "EDITOR" })).rejects.toMatchObject({ code: "CONFLICT" });

    await join({ ownerId: a.id, workspaceId: ws.id, member: b, role: "OWNER" });
    // Two owners demote each other at once: one must win, one must fail.
    const results = await Promise.allSettled([
      changeRole({ userId: a.id, workspaceId: ws.id, memberId: b.id, role: "VIEWER" }),
      changeRole({ userId: b.id, workspaceId: ws.id, memberId: a.id, role: "VIEWER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().membership.count({ where: { workspaceId: ws.id, role: "OWNER" } })).toBe(1);
  });

  it("a removed member loses access at once", async () => {
    const [owner, member] = [await user(), await user()];
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    await join({ ownerId: owner.id, workspaceId: ws.id, member, role: "EDITOR" });
    await createDocument({ userId: member.id, input: { workspaceId: ws.id, title: "Doc", text: "Khojaly" } });
    expect(await listDocuments({ userId: member.id })).toHaveLength(1);
    await removeMember({ userId: owner.id, workspaceId: ws.id, memberId: member.id });
    expect(await listDocuments({ userId: member.id })).toHaveLength(0);
  });
});

describe("workspace settings", () => {
  it("lets owners switch the two-person rule against the version they saw; others get 403, strangers 404", async () => {
    const [owner, editor, stranger] = [await user(), await user(), await user()];
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    await join({ ownerId: owner.id, workspaceId: ws.id, member: editor, role: "EDITOR" });
    expect(await db().workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({ requireSignOff: true, version: 1 });

    await expect(updateWorkspaceSettings({ userId: editor.id, workspaceId: ws.id, input: { version: 1, requireSignOff: false } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateWorkspaceSettings({ userId: stranger.id, workspaceId: ws.id, input: { version: 1, requireSignOff: false } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await updateWorkspaceSettings({ userId: owner.id, workspaceId: ws.id, input: { version: 1, requireSignOff: false } })).toEqual({ requireSignOff: false, version: 2 });
    await expect(updateWorkspaceSettings({ userId: owner.id, workspaceId: ws.id, input: { version: 1, requireSignOff: true } })).rejects.toMatchObject({
      code: "CONFLICT",
      current: { requireSignOff: false, version: 2 },
    });
  });
});
