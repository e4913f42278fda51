import "server-only";
import { requireMember, visibleDocuments } from "@/lib/access";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

export type TLiveScope = { workspaceId: string; documentId?: string };

/** A document's live scope for a member who may see it; 404 otherwise (also once it is deleted or they leave). */
export async function documentLiveScope(options: { userId: string; documentId: string }): Promise<Required<TLiveScope>> {
  const doc = await db().document.findFirst({ where: { id: options.documentId, ...visibleDocuments(options.userId) }, select: { id: true, workspaceId: true } });
  if (!doc) throw notFound("Document not found");
  return { workspaceId: doc.workspaceId, documentId: doc.id };
}

/** A workspace's live scope for one of its members; 404 otherwise. */
export async function workspaceLiveScope(options: { userId: string; workspaceId: string }): Promise<TLiveScope> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId });
  return { workspaceId: options.workspaceId };
}

/**
 * The latest event id of a document (or of a workspace), or null when there is none. A page reads
 * it before its data and hands it to its stream as `?lastEventId=`, so a change committed between
 * the page's read and the stream's start is replayed rather than lost.
 */
export async function latestEventId(options: { userId: string; documentId?: string; workspaceId?: string }): Promise<string | null> {
  const scope = options.documentId
    ? await documentLiveScope({ userId: options.userId, documentId: options.documentId })
    : await workspaceLiveScope({ userId: options.userId, workspaceId: options.workspaceId ?? "" });
  const row = await db().annotationEvent.findFirst({
    where: scope.documentId ? { documentId: scope.documentId } : { workspaceId: scope.workspaceId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row ? row.id.toString() : null;
}
