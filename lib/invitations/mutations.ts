import "server-only";
import { requireMember } from "@/lib/access";
import { hashPassword } from "@/lib/auth/password";
import { db, type TTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { presentInvitation } from "@/lib/invitations/queries";
import type { TInvitationCreated, TInvitationSignUp, TInvite } from "@/lib/invitations/schemas";
import { generateInvitationToken, invitationExpiry, invitationHash, invitationPath } from "@/lib/invitations/token";

/** An invitation that can still be used. */
function pending(now: Date): Prisma.InvitationWhereInput {
  return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
}

/**
 * Invites an e-mail to the workspace (OWNER). The answer is the same whether or not the e-mail
 * already has an account: the link, shown this once; no account is created or changed here. A
 * pending invitation of the same e-mail is revoked, so only the newest link works.
 */
export async function createInvitation(options: { userId: string; workspaceId: string; input: TInvite }): Promise<TInvitationCreated> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "OWNER" });
  const { email, role } = options.input;
  const token = generateInvitationToken();
  const now = new Date();
  return db().$transaction(async (tx) => {
    // Members are on the owner's own members page, so saying so reveals nothing about accounts.
    const member = await tx.membership.findFirst({ where: { workspaceId: options.workspaceId, user: { email } }, select: { userId: true } });
    if (member) throw new AppError("CONFLICT", `${email} is already a member`, { email: "Already a member of this workspace" });
    await tx.invitation.updateMany({ where: { workspaceId: options.workspaceId, email, ...pending(now) }, data: { revokedAt: now } });
    const row = await tx.invitation.create({
      data: { workspaceId: options.workspaceId, email, role, tokenHash: invitationHash(token) as string, createdById: options.userId, expiresAt: invitationExpiry(now) },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    });
    return { invitation: presentInvitation(row), token, path: invitationPath(token) };
  });
}

/** Revokes a pending invitation (OWNER); a used, revoked or another workspace's one is not found. */
export async function revokeInvitation(options: { userId: string; workspaceId: string; invitationId: string }): Promise<void> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "OWNER" });
  const { count } = await db().invitation.updateMany({
    where: { id: options.invitationId, workspaceId: options.workspaceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "Invitation not found");
}

const UNUSABLE = "This invitation link cannot be used: it was used already, revoked, or it expired. Ask the workspace's owner for a new one.";

/**
 * Marks the invitation used by `userId`, once: the conditional update is the lock, so two uses of
 * one link cannot both succeed. Returns the workspace and role, or throws 404.
 */
async function useInvitation(tx: TTx, options: { token: string; email: string; userId: string }): Promise<{ workspaceId: string; role: TInvite["role"] }> {
  const tokenHash = invitationHash(options.token);
  const now = new Date();
  const row = tokenHash ? await tx.invitation.findFirst({ where: { tokenHash, ...pending(now) }, select: { id: true, email: true, workspaceId: true, role: true } }) : null;
  if (!row) throw new AppError("NOT_FOUND", UNUSABLE);
  if (row.email !== options.email) throw new AppError("FORBIDDEN", `This invitation is for ${row.email}; sign in with that account to accept it`);
  const { count } = await tx.invitation.updateMany({ where: { id: row.id, ...pending(now) }, data: { acceptedAt: now, acceptedById: options.userId } });
  if (count === 0) throw new AppError("NOT_FOUND", UNUSABLE);
  return { workspaceId: row.workspaceId, role: row.role };
}

/**
 * The signed-in holder of the invited e-mail's account accepts: they join with the invited role
 * (a member already keeps the role they have).
 */
export async function acceptInvitation(options: { userId: string; email: string; token: string }): Promise<{ workspaceId: string }> {
  return db().$transaction(async (tx) => {
    const { workspaceId, role } = await useInvitation(tx, options);
    await tx.membership.createMany({ data: [{ workspaceId, userId: options.userId, role }], skipDuplicates: true });
    return { workspaceId };
  });
}

/**
 * An unknown e-mail gets its account when its invitation is used: the visitor chooses a name and
 * password, and the account (with the invitation's e-mail) joins the workspace in one transaction.
 * An e-mail that has an account is told to sign in and accept instead; only the link's holder sees
 * that, never the owner who invited.
 */
export async function signUpWithInvitation(options: { token: string; input: TInvitationSignUp }): Promise<{ email: string; workspaceId: string }> {
  const tokenHash = invitationHash(options.token);
  const found = tokenHash ? await db().invitation.findFirst({ where: { tokenHash, ...pending(new Date()) }, select: { email: true } }) : null;
  if (!found) throw new AppError("NOT_FOUND", UNUSABLE);
  const passwordHash = await hashPassword(options.input.password);
  const taken = new AppError("CONFLICT", `An account for ${found.email} exists already: sign in to accept the invitation`);
  try {
    return await db().$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: found.email }, select: { id: true } })) throw taken;
      const user = await tx.user.create({ data: { email: found.email, name: options.input.name, passwordHash }, select: { id: true } });
      const { workspaceId, role } = await useInvitation(tx, { token: options.token, email: found.email, userId: user.id });
      await tx.membership.create({ data: { workspaceId, userId: user.id, role } });
      return { email: found.email, workspaceId };
    });
  } catch (error) {
    // Two sign-ups through one link at once: the e-mail's unique index refuses the second.
    if ((error as { code?: string }).code === "P2002") throw taken;
    throw error;
  }
}
