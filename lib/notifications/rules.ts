import type { TNotificationKind } from "@/lib/notifications/schemas";

/** The fields of an annotation that decide who hears of a change (a subset of its event snapshot). */
export type TNotifiedState = { status: string; assigneeId: string | null; signOff: string; verdictById: string | null; signOffNote: string };

/** The state "before" an annotation that is being created: nothing assigned, no verdict. */
export const NEWLY_CREATED: TNotifiedState = { status: "", assigneeId: null, signOff: "NONE", verdictById: null, signOffNote: "" };

/** Who is told: one person, or the editors and owners of the workspace (all but `except`). */
export type TNotice = { kind: TNotificationKind; reason: string; to: { person: string } | { editorsBut: string | null } };

/**
 * What a change of an annotation from `before` to `after` by `actorId` tells whom. Pure, so the
 * rule is read (and tested) in one place; the caller resolves "editors" and drops the actor and
 * whoever turned the kind off. A returned verdict goes back to its giver assigned to them: that
 * is one notice (the return, with the reason), not two.
 */
export function noticesFor(options: { before: TNotifiedState; after: TNotifiedState; actorId: string }): TNotice[] {
  const { before, after, actorId } = options;
  const notices: TNotice[] = [];
  const awaitsAnew = after.signOff === "AWAITING" && (before.signOff !== "AWAITING" || before.status !== after.status || before.verdictById !== after.verdictById);
  if (awaitsAnew) notices.push({ kind: "SIGN_OFF_REQUESTED", reason: "", to: { editorsBut: after.verdictById } });
  const decided = before.signOff === "AWAITING" && before.verdictById !== null;
  if (decided && after.signOff === "RETURNED") notices.push({ kind: "VERDICT_RETURNED", reason: after.signOffNote, to: { person: before.verdictById as string } });
  if (decided && after.signOff === "CONFIRMED") notices.push({ kind: "VERDICT_CONFIRMED", reason: "", to: { person: before.verdictById as string } });
  const returnedTo = notices.some((n) => n.kind === "VERDICT_RETURNED" && "person" in n.to && n.to.person === after.assigneeId);
  if (after.assigneeId && after.assigneeId !== before.assigneeId && !returnedTo) notices.push({ kind: "ASSIGNED", reason: "", to: { person: after.assigneeId } });
  return notices.filter((n) => !("person" in n.to) || n.to.person !== actorId);
}
