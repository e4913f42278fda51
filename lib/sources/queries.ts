import "server-only";
import { requireMember, visibleSources } from "@/lib/access";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { presentSource, sourceSelect } from "@/lib/sources/present";
import type { TSource } from "@/lib/sources/schemas";

/** The sources of a workspace, by title; 404 when the user is not a member. */
export async function listSources(options: { userId: string; workspaceId: string }): Promise<TSource[]> {
  await requireMember(options);
  const rows = await db().source.findMany({
    where: { workspaceId: options.workspaceId },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: sourceSelect,
  });
  return rows.map(presentSource);
}

export async function getSource(options: { userId: string; sourceId: string }): Promise<TSource> {
  const row = await db().source.findFirst({ where: { id: options.sourceId, ...visibleSources(options.userId) }, select: sourceSelect });
  if (!row) throw notFound("Source not found");
  return presentSource(row);
}
