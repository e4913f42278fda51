import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { acceptInvitation, createInvitation, revokeInvitation, signUpWithInvitation } from "./mutations";
import { invitationForToken, listPendingInvitations } from "./queries";
import { invitationHash } from "./token";

async function user() {
  return db().user.create({ data: { email: `${randomUUID()}@t.test`, name: "t", passwordHash: "x" }, select: { id: true, email: true } });
}
const password = { name: "New Person", password: "a long enough passphrase", confirm: "a long enough passphrase" };

describe("invitations (real database)", () => {
  it("answers alike for a known and an unknown e-mail, stores only the link's hash, and creates no account", async () => {
    const [owner, known] = [await user(), await user()];
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    const unknown = `${randomUUID()}@t.test`;
    const a = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email: known.email, role: "REVIEWER" } });
    const b = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email: unknown, role: "REVIEWER" } });
    const shape = (x: object) => JSON.stringify(x, (key, value) => (typeof value === "string" ? "s" : value));
    expect(shape(a)).toEqual(shape(b));
    expect(await db().user.findUnique({ where: { email: unknown } })).toBeNull();
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: a.invitation.id } });
    expect(stored.tokenHash).toBe(invitationHash(a.token));
    expect(JSON.stringify(stored)).not.toContain(a.token);
    expect((await listPendingInvitations({ userId: owner.id, workspaceId: ws.id })).map((i) => i.email).sort()).toEqual([known.email, unknown].sort());
  });

  it("an existing account joins only when its holder accepts, once, with the invited e-mail", async () => {
    const [owner, known, other] = [await user(), await user(), await user()];
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    const { token } = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email: known.email, role: "EDITOR" } });
    expect(await db().membership.findFirst({ where: { workspaceId: ws.id, userId: known.id } })).toBeNull();
    await expect(acceptInvitation({ userId: other.id, email: other.email, token })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(signUpWithInvitation({ token, input: password })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await acceptInvitation({ userId: known.id, email: known.email, token })).toEqual({ workspaceId: ws.id });
    expect(await db().membership.findFirst({ where: { workspaceId: ws.id, userId: known.id }, select: { role: true } })).toEqual({ role: "EDITOR" });
    await expect(acceptInvitation({ userId: known.id, email: known.email, token })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await invitationForToken(token))?.state).toBe("accepted");
  });

  it("an unknown e-mail gets its account when the link is used, and only one use of it succeeds", async () => {
    const owner = await user();
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    const email = `${randomUUID()}@t.test`;
    const { token } = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email, role: "VIEWER" } });
    const results = await Promise.allSettled([signUpWithInvitation({ token, input: password }), signUpWithInvitation({ token, input: password })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const account = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, passwordHash: true, mustChangePassword: true } });
    expect(account).toMatchObject({ name: "New Person", mustChangePassword: false });
    expect(await verifyPassword(account.passwordHash, password.password)).toBe(true);
    expect(await db().membership.findFirst({ where: { workspaceId: ws.id, userId: account.id }, select: { role: true } })).toEqual({ role: "VIEWER" });
  });

  it("revoked, expired, superseded and malformed links are refused; only owners invite or revoke", async () => {
    const [owner, editor] = [await user(), await user()];
    const ws = await createWorkspace({ userId: owner.id, name: "Desk" });
    const { token: editorToken } = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email: editor.email, role: "EDITOR" } });
    await acceptInvitation({ userId: editor.id, email: editor.email, token: editorToken });
    const email = `${randomUUID()}@t.test`;
    await expect(createInvitation({ userId: editor.id, workspaceId: ws.id, input: { email, role: "VIEWER" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email: editor.email, role: "VIEWER" } })).rejects.toMatchObject({ code: "CONFLICT" });

    const first = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email, role: "VIEWER" } });
    const second = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email, role: "VIEWER" } });
    expect((await invitationForToken(first.token))?.state).toBe("revoked");
    await expect(revokeInvitation({ userId: editor.id, workspaceId: ws.id, invitationId: second.invitation.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await revokeInvitation({ userId: owner.id, workspaceId: ws.id, invitationId: second.invitation.id });
    await expect(revokeInvitation({ userId: owner.id, workspaceId: ws.id, invitationId: second.invitation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(signUpWithInvitation({ token: second.token, input: password })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const third = await createInvitation({ userId: owner.id, workspaceId: ws.id, input: { email, role: "VIEWER" } });
    await db().invitation.update({ where: { id: third.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await invitationForToken(third.token))?.state).toBe("expired");
    await expect(signUpWithInvitation({ token: third.token, input: password })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listPendingInvitations({ userId: owner.id, workspaceId: ws.id })).toEqual([]);
    expect(await invitationForToken("not a token")).toBeNull();
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });
});
