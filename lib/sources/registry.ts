import "server-only";
import { requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import { presentSource, sourceSelect } from "@/lib/sources/present";
import { searchAndSort } from "@/lib/sources/registry-order";
import type { TRegistryEntry, TRegistryQuery } from "@/lib/sources/registry-schemas";
import type { TStatus } from "@/lib/statuses";

/** Annotations that count as citing: live ones on live documents. */
const citing = { deletedAt: null, document: { deletedAt: null } } as const;

/**
 * The workspace's sources (merged ones left out) with their citation counts per status, searched
 * with the same folding as the "Claimed source" picker and sorted. 404 when not a member.
 */
export async function listRegistry(options: { userId: string } & TRegistryQuery): Promise<TRegistryEntry[]> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId });
  const [rows, counts] = await Promise.all([
    db().source.findMany({ where: { workspaceId: options.workspaceId, mergedIntoId: null }, select: sourceSelect }),
    db().annotation.groupBy({
      by: ["sourceId", "status"],
      where: { workspaceId: options.workspaceId, sourceId: { not: null }, ...citing },
      _count: { _all: true },
    }),
  ]);
  const bySource = new Map<string, Partial<Record<TStatus, number>>>();
  for (const c of counts) {
    const entry = bySource.get(c.sourceId as string) ?? {};
    entry[c.status] = c._count._all;
    bySource.set(c.sourceId as string, entry);
  }
  const entries = rows.map((row): TRegistryEntry => {
    const statusCounts = bySource.get(row.id) ?? {};
    const citationCount = Object.values(statusCounts).reduce((sum, n) => sum + (n ?? 0), 0);
    return { ...presentSource(row), citationCount, statusCounts };
  });
  return searchAndSort(entries, options);
}
