import "server-only";
import { requireMember } from "@/lib/access";
import { changedFields, recordAnnotationEvent, snapshotOf, type TSnapshot } from "@/lib/annotations/events";
import type { TAnnotation, TSignOffParsed } from "@/lib/annotations/schemas";
import { liveAnnotationForWrite, readAnnotation, StaleVersion, staleVersion } from "@/lib/annotations/writes";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hasRole } from "@/lib/roles";
import { notifyChange } from "@/lib/notifications/notify";
import { isVerdict } from "@/lib/statuses";

/** The state a decision applies to, and the event it writes. */
const DECISIONS = {
  CONFIRM: { from: "AWAITING", to: "CONFIRMED", event: "SIGNED_OFF", role: "EDITOR" },
  RETURN: { from: "AWAITING", to: "RETURNED", event: "SIGN_OFF_RETURNED", role: "EDITOR" },
  RESUBMIT: { from: "RETURNED", to: "AWAITING", event: "UPDATED", role: "REVIEWER" },
} as const;

/**
 * The second person of the two-person rule. CONFIRM and RETURN need an EDITOR or OWNER who did
 * not give the verdict (403 otherwise, whatever their role); RETURN sends the annotation back to
 * whoever gave the verdict, assigned to them with the reason. RESUBMIT (REVIEWER or above) puts a
 * returned verdict up for sign-off again, as the verdict of whoever resubmits it. Each checks the
 * version (409 with the annotation as it stands) and writes one event in its transaction.
 */
export async function signOffAnnotation(options: { userId: string; annotationId: string; input: TSignOffParsed }): Promise<TAnnotation> {
  const { userId, annotationId, input } = options;
  const row = await liveAnnotationForWrite({ userId, annotationId });
  const rule = DECISIONS[input.decision];
  const member = await requireMember({ userId, workspaceId: row.workspaceId });
  if (!hasRole(member.role, rule.role)) throw new AppError("FORBIDDEN", "Only an editor or owner can sign off a verdict");
  if (input.version !== row.version) throw await staleVersion(annotationId);
  if (row.signOff !== rule.from || !isVerdict(row.status)) {
    const current = await staleVersion(annotationId);
    if (current.code !== "CONFLICT") throw current;
    const message = rule.from === "AWAITING" ? "This annotation has no verdict awaiting sign-off" : "This verdict was not returned";
    throw new AppError("CONFLICT", message, undefined, { current: current.current });
  }
  if (input.decision !== "RESUBMIT" && row.verdictById === userId) {
    throw new AppError("FORBIDDEN", "You gave this verdict: another editor or owner has to sign it off");
  }

  const before = snapshotOf(row);
  const next: TSnapshot =
    input.decision === "RESUBMIT"
      ? { ...before, signOff: rule.to, verdictById: userId, signedOffById: null, signOffNote: "" }
      : {
          ...before,
          signOff: rule.to,
          signedOffById: userId,
          signOffNote: input.decision === "RETURN" ? input.reason : "",
          ...(input.decision === "RETURN" ? { assigneeId: row.verdictById } : {}),
        };
  const diff = changedFields(before, next);
  const now = new Date();
  try {
    await db().$transaction(async (tx) => {
      const { count } = await tx.annotation.updateMany({
        where: { id: annotationId, version: input.version, deletedAt: null, signOff: rule.from },
        data: {
          ...diff.after,
          ...(input.decision === "RESUBMIT" ? { verdictAt: now, signedOffAt: null } : { signedOffAt: now }),
          updatedById: userId,
          version: { increment: 1 },
        },
      });
      if (count === 0) throw new StaleVersion();
      await recordAnnotationEvent(tx, { annotation: row, type: rule.event, actorId: userId, version: input.version + 1, before: diff.before, after: diff.after });
      await notifyChange(tx, { annotation: row, actorId: userId, before, after: next });
    });
  } catch (error) {
    throw error instanceof StaleVersion ? await staleVersion(annotationId) : error;
  }
  return readAnnotation(annotationId);
}
