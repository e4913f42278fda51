import "server-only";
import type { TTx } from "@/lib/db";
import { noticesFor, type TNotifiedState } from "@/lib/notifications/rules";

/**
 * Writes the notifications a change of an annotation causes, inside the change's transaction
 * (lib/notifications/rules.ts says who hears of what). Nobody hears of their own action, and a
 * kind someone turned off is not written for them at all.
 */
export async function notifyChange(
  tx: TTx,
  options: { annotation: { id: string; workspaceId: string }; actorId: string; before: TNotifiedState; after: TNotifiedState },
): Promise<void> {
  const { annotation, actorId } = options;
  const notices = noticesFor(options);
  if (notices.length === 0) return;
  const rows = [];
  for (const notice of notices) {
    const candidates =
      "editorsBut" in notice.to
        ? (
            await tx.membership.findMany({
              where: { workspaceId: annotation.workspaceId, role: { in: ["EDITOR", "OWNER"] }, userId: { notIn: [actorId, ...(notice.to.editorsBut ? [notice.to.editorsBut] : [])] } },
              select: { userId: true },
            })
          ).map((m) => m.userId)
        : [notice.to.person];
    if (candidates.length === 0) continue;
    const wanting = await tx.user.findMany({ where: { id: { in: candidates }, NOT: { notificationsOff: { has: notice.kind } } }, select: { id: true } });
    for (const { id } of wanting) rows.push({ workspaceId: annotation.workspaceId, annotationId: annotation.id, actorId, userId: id, kind: notice.kind, reason: notice.reason });
  }
  if (rows.length > 0) await tx.notification.createMany({ data: rows });
}
