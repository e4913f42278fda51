import "server-only";
import { requireMember, visibleSources } from "@/lib/access";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { presentSource, sourceSelect, type TSourceRow } from "@/lib/sources/present";
import type { TCreateSource, TInlineSource, TSource, TUpdateSource } from "@/lib/sources/schemas";

/**
 * Inserts a source inside a caller's transaction; the caller has checked the role. Annotations
 * use it to create the source they cite in the same transaction as themselves.
 */
export async function insertSource(tx: TTx, options: { userId: string; workspaceId: string; input: TInlineSource }): Promise<TSourceRow> {
  return tx.source.create({ data: { ...options.input, workspaceId: options.workspaceId, createdById: options.userId }, select: sourceSelect });
}

/** Creates a source; REVIEWER or above (reviewers meet new sources while annotating). */
export async function createSource(options: { userId: string; input: TCreateSource }): Promise<TSource> {
  const { workspaceId, ...input } = options.input;
  await requireMember({ userId: options.userId, workspaceId, role: "REVIEWER" });
  return presentSource(await db().$transaction((tx) => insertSource(tx, { userId: options.userId, workspaceId, input })));
}

/** JSON with sorted keys: jsonb returns object keys in its own order, not the order written. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function staleSource(current: TSourceRow): AppError {
  return new AppError("CONFLICT", "This source was changed by someone else since you opened it", undefined, { current: presentSource(current) });
}

/**
 * Edits a source; EDITOR or OWNER, against the version the client edited (409 with the current
 * source when stale). A change that changes nothing leaves the version as it is.
 */
export async function updateSource(options: { userId: string; sourceId: string; input: TUpdateSource }): Promise<TSource> {
  const { version, ...fields } = options.input;
  const row = await db().source.findFirst({ where: { id: options.sourceId, ...visibleSources(options.userId) }, select: sourceSelect });
  if (!row) throw notFound("Source not found");
  await requireMember({ userId: options.userId, workspaceId: row.workspaceId, role: "EDITOR" });
  if (version !== row.version) throw staleSource(row);

  const changes = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => value !== undefined && canonicalJson(value) !== canonicalJson(row[key as keyof TSourceRow])),
  );
  if (Object.keys(changes).length === 0) return presentSource(row);

  return db().$transaction(async (tx) => {
    const { count } = await tx.source.updateMany({ where: { id: row.id, version }, data: { ...changes, version: { increment: 1 } } });
    if (count === 0) throw staleSource(await tx.source.findUniqueOrThrow({ where: { id: row.id }, select: sourceSelect }));
    return presentSource(await tx.source.findUniqueOrThrow({ where: { id: row.id }, select: sourceSelect }));
  });
}
