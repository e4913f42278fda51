import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hasRole, type TRole } from "@/lib/roles";

/**
 * The one place that says what a user may see. Every query of workspace-owned rows goes through
 * these builders, so a row of another workspace is simply not found.
 */
export function memberWorkspaces(userId: string): Prisma.WorkspaceWhereInput {
  return { memberships: { some: { userId } } };
}

export function visibleDocuments(userId: string): Prisma.DocumentWhereInput {
  return { deletedAt: null, workspace: memberWorkspaces(userId) };
}

/** Annotations of visible documents, deleted ones included; callers say whether they want those. */
export function visibleAnnotations(userId: string): Prisma.AnnotationWhereInput {
  return { document: visibleDocuments(userId) };
}

/** Live evidence items of live, visible annotations: an item of a deleted annotation is not found. */
export function visibleEvidence(userId: string): Prisma.EvidenceWhereInput {
  return { deletedAt: null, annotation: { deletedAt: null, ...visibleAnnotations(userId) } };
}

export function visibleSources(userId: string): Prisma.SourceWhereInput {
  return { workspace: memberWorkspaces(userId) };
}

export type TMember = { userId: string; workspaceId: string; role: TRole };

/**
 * The user's membership of a workspace, read from the database on each call. Not a member: 404
 * (the workspace's existence is not revealed). A member whose role is too low: 403.
 */
export async function requireMember(options: { userId: string; workspaceId: string; role?: TRole }): Promise<TMember> {
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError("NOT_FOUND", "Workspace not found");
  if (options.role && !hasRole(membership.role, options.role)) {
    throw new AppError("FORBIDDEN", `This needs the ${options.role} role or higher in this workspace`);
  }
  return { userId: options.userId, workspaceId: options.workspaceId, role: membership.role };
}
