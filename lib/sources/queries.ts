import "server-only";
import { requireMember, visibleSources } from "@/lib/access";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { presentSource, sourceSelect, type TSourceRow } from "@/lib/sources/present";
import type { TSource } from "@/lib/sources/schemas";

/** The sources of a workspace, by title, merged ones left out; 404 when the user is not a member. */
export async function listSources(options: { userId: string; workspaceId: string }): Promise<TSource[]> {
  await requireMember(options);
  const rows = await db().source.findMany({
    where: { workspaceId: options.workspaceId, mergedIntoId: null },
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

/** Merges form chains (A into B, later B into C); more hops than this means a cycle in bad data. */
const MAX_MERGE_HOPS = 20;

/**
 * A visible source for its page: the source itself, or, when it was merged, the id of the source
 * it now lives on (following later merges), for the page to redirect to.
 */
export async function findSourceForPage(options: { userId: string; sourceId: string }): Promise<{ source: TSource } | { redirectTo: string }> {
  let id = options.sourceId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const row = await db().source.findFirst({
      where: { id, ...visibleSources(options.userId) },
      select: { ...sourceSelect, mergedIntoId: true },
    });
    if (!row) throw notFound("Source not found");
    if (!row.mergedIntoId) return id === options.sourceId ? { source: presentSource(row) } : { redirectTo: id };
    id = row.mergedIntoId;
  }
  throw notFound("Source not found");
}

/** Sources by id as presentSource takes them, in one query (none for no ids); the caller has checked access. */
export async function sourceRowsByIds(ids: readonly string[]): Promise<TSourceRow[]> {
  return ids.length > 0 ? db().source.findMany({ where: { id: { in: [...ids] } }, select: sourceSelect }) : [];
}
