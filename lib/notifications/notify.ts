import "server-only";
import type { TTx } from "@/lib/db";
import { noticesFor, type TNotifiedState } from "@/lib/notifications/rules";

type TChange = { annotationId: string; before: TNotifiedState; after: TNotifiedState };

/**
 * Writes the notifications a change of an annotation causes, inside the change's transaction
 * (lib/notifications/rules.ts says who hears of what). Nobody hears of their own action, and a
 * kind someone turned off is not written for them at all.
 */
export async function notifyChange(
  tx: TTx,
  options: { annotation: { id: string; workspaceId: string }; actorId: string; before: TNotifiedState; after: TNotifiedState },
): Promise<void> {
  const { annotation, actorId, before, after } = options;
  await notifyChanges(tx, { workspaceId: annotation.workspaceId, actorId, changes: [{ annotationId: annotation.id, before, after }] });
}

/**
 * The same for many annotations of one workspace changed by one person at once (an import of
 * verdicts, say), in three statements whatever their number: the workspace's editors, who turned
 * which kind off, and the rows.
 */
export async function notifyChanges(tx: TTx, options: { workspaceId: string; actorId: string; changes: TChange[] }): Promise<void> {
  const { workspaceId, actorId } = options;
  const notices = options.changes.flatMap((change) => noticesFor({ ...change, actorId }).map((notice) => ({ ...notice, annotationId: change.annotationId })));
  if (notices.length === 0) return;
  const editors = notices.some((n) => "editorsBut" in n.to)
    ? (await tx.membership.findMany({ where: { workspaceId, role: { in: ["EDITOR", "OWNER"] }, userId: { not: actorId } }, select: { userId: true } })).map((m) => m.userId)
    : [];
  const recipients = notices.map((notice) => ("editorsBut" in notice.to ? editors.filter((id) => id !== (notice.to as { editorsBut: string | null }).editorsBut) : [notice.to.person]));
  const people = [...new Set(recipients.flat())];
  if (people.length === 0) return;
  const off = new Map((await tx.user.findMany({ where: { id: { in: people } }, select: { id: true, notificationsOff: true } })).map((u) => [u.id, u.notificationsOff]));
  const rows = notices.flatMap((notice, i) =>
    recipients[i]
      .filter((userId) => !off.get(userId)?.includes(notice.kind))
      .map((userId) => ({ workspaceId, annotationId: notice.annotationId, actorId, userId, kind: notice.kind, reason: notice.reason })),
  );
  if (rows.length > 0) await tx.notification.createMany({ data: rows });
}
