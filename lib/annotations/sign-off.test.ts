import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZSignOff } from "@/lib/annotations/schemas";
import { addEvidenceTo, create, eventsOf, testWorkspace, update, verdictByReviewer as verdictOf } from "@/lib/testing/annotation-fixtures";
import { removeEvidence, updateEvidence } from "@/lib/evidence/mutations";
import { ZUpdateEvidence } from "@/lib/evidence/schemas";
import { setChain } from "./chain";
import { ZSetChain } from "./schemas";
import { signOffAnnotation } from "./sign-off";

const TEXT = "Memorial reported 613 killed in Khojaly (Newsweek, 16 March 1992).";

const decide = (userId: string, annotationId: string, input: unknown) => signOffAnnotation({ userId, annotationId, input: ZSignOff.parse(input) });

const verdictByReviewer = () => verdictOf(TEXT);

describe("the two-person rule", () => {
  it("puts a verdict up for sign-off, naming who gave it", async () => {
    const { a, users } = await verdictByReviewer();
    expect(a).toMatchObject({ status: "VERIFIED", signOff: "AWAITING", verdictBy: { id: users.REVIEWER.id }, signedOffBy: null });
    expect(a.verdictAt).not.toBeNull();
    const last = (await eventsOf(a.id)).at(-1);
    expect(last).toMatchObject({ type: "UPDATED", after: { status: "VERIFIED", signOff: "AWAITING", verdictById: users.REVIEWER.id } });
  });

  it("lets a different editor confirm, recording who and when in one event", async () => {
    const { a, users } = await verdictByReviewer();
    const confirmed = await decide(users.EDITOR.id, a.id, { version: a.version, decision: "CONFIRM" });
    expect(confirmed).toMatchObject({ signOff: "CONFIRMED", signedOffBy: { id: users.EDITOR.id }, verdictBy: { id: users.REVIEWER.id }, version: a.version + 1 });
    const events = await eventsOf(a.id);
    expect(events.at(-1)).toMatchObject({ type: "SIGNED_OFF", actorId: users.EDITOR.id, version: a.version + 1, after: { signOff: "CONFIRMED" } });
  });

  it("refuses sign-off by whoever gave the verdict, even an owner, and by reviewers", async () => {
    const ws = await testWorkspace(TEXT);
    const a = await create(ws.users.OWNER.id, ws.documentId, { start: 18, end: 28 });
    await addEvidenceTo(ws.users.OWNER.id, a.id);
    const verified = await update(ws.users.OWNER.id, a.id, { version: 2, status: "VERIFIED" });
    await expect(decide(ws.users.OWNER.id, a.id, { version: verified.version, decision: "CONFIRM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decide(ws.users.REVIEWER.id, a.id, { version: verified.version, decision: "CONFIRM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decide(ws.users.STRANGER.id, a.id, { version: verified.version, decision: "CONFIRM" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().annotation.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ signOff: "AWAITING", version: verified.version });
  });

  it("answers a stale sign-off and a second confirmation with 409 and the annotation as it stands", async () => {
    const { a, users } = await verdictByReviewer();
    await expect(decide(users.EDITOR.id, a.id, { version: a.version - 1, decision: "CONFIRM" })).rejects.toMatchObject({
      code: "CONFLICT",
      current: { version: a.version, signOff: "AWAITING" },
    });
    await decide(users.EDITOR.id, a.id, { version: a.version, decision: "CONFIRM" });
    await expect(decide(users.OWNER.id, a.id, { version: a.version + 1, decision: "CONFIRM" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This annotation has no verdict awaiting sign-off",
      current: { signOff: "CONFIRMED" },
    });
  });

  it("returns a verdict with a reason, assigned back to whoever gave it, who can submit it again", async () => {
    const { a, users } = await verdictByReviewer();
    expect(() => ZSignOff.parse({ version: a.version, decision: "RETURN" })).toThrow();
    const returned = await decide(users.EDITOR.id, a.id, { version: a.version, decision: "RETURN", reason: "Newsweek gives 477, not 613" });
    expect(returned).toMatchObject({ signOff: "RETURNED", signOffNote: "Newsweek gives 477, not 613", assignee: { id: users.REVIEWER.id } });
    expect((await eventsOf(a.id)).at(-1)).toMatchObject({ type: "SIGN_OFF_RETURNED", after: { signOff: "RETURNED", assigneeId: users.REVIEWER.id } });

    const again = await decide(users.REVIEWER.id, a.id, { version: returned.version, decision: "RESUBMIT" });
    expect(again).toMatchObject({ signOff: "AWAITING", signOffNote: "", verdictBy: { id: users.REVIEWER.id }, signedOffBy: null });
  });

  it("starts a new sign-off when a confirmed verdict changes, and keeps it through a note edit", async () => {
    const { a, users } = await verdictByReviewer();
    const confirmed = await decide(users.EDITOR.id, a.id, { version: a.version, decision: "CONFIRM" });
    const noted = await update(users.REVIEWER.id, a.id, { version: confirmed.version, note: "Also in Memorial's report" });
    expect(noted).toMatchObject({ signOff: "CONFIRMED", signedOffBy: { id: users.EDITOR.id } });

    const changed = await update(users.REVIEWER2.id, a.id, { version: noted.version, status: "PARTLY_VERIFIED" });
    expect(changed).toMatchObject({ signOff: "AWAITING", verdictBy: { id: users.REVIEWER2.id }, signedOffBy: null, signedOffAt: null });

    const reopened = await update(users.REVIEWER.id, a.id, { version: changed.version, status: "IN_PROGRESS" });
    expect(reopened).toMatchObject({ signOff: "NONE", verdictBy: null, verdictAt: null });
  });

  it("sends a confirmed verdict back to sign-off when its evidence is added, edited or removed, or its chain changes", async () => {
    const { a, users, workspaceId } = await verdictByReviewer();
    const source = await db().source.create({ data: { workspaceId, kind: "REPORT", title: "Memorial report", createdById: users.OWNER.id }, select: { id: true } });
    // Confirms as `by`, and returns the new version; `signedOffBy` is who confirmed last.
    let signedOffBy = users.EDITOR.id;
    const confirm = async (version: number, by = users.EDITOR.id) => {
      signedOffBy = by;
      return (await decide(by, a.id, { version, decision: "CONFIRM" })).version;
    };
    const reopened = async (version: number, actorId: string) => {
      const row = await db().annotation.findUniqueOrThrow({ where: { id: a.id } });
      expect(row).toMatchObject({ version, signOff: "AWAITING", verdictById: actorId, signedOffById: null, signedOffAt: null });
      const events = (await eventsOf(a.id)).filter((e) => e.version === version);
      expect(events.at(-1)).toMatchObject({
        type: "UPDATED",
        actorId,
        before: { signOff: "CONFIRMED", signedOffById: signedOffBy },
        after: { signOff: "AWAITING", verdictById: actorId, signedOffById: null },
      });
      // Whoever changed what the verdict rests on cannot sign it off; another editor can.
      if (actorId === users.EDITOR.id) {
        await expect(decide(users.EDITOR.id, a.id, { version, decision: "CONFIRM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
        return confirm(version, users.OWNER.id);
      }
      return confirm(version);
    };

    let version = await confirm(a.version);
    const added = await addEvidenceTo(users.REVIEWER2.id, a.id, { stance: "CONTEXT", passage: "Newsweek counted 477" });
    expect(added.annotation.version).toBe(version + 1);
    version = await reopened(version + 1, users.REVIEWER2.id);

    await updateEvidence({ userId: users.EDITOR.id, evidenceId: added.evidence.id, input: ZUpdateEvidence.parse({ version: added.evidence.version, passage: "Newsweek counted 477 dead" }) });
    version = await reopened(version + 1, users.EDITOR.id);

    await removeEvidence({ userId: users.REVIEWER.id, evidenceId: added.evidence.id });
    version = await reopened(version + 1, users.REVIEWER.id);

    await setChain({ userId: users.REVIEWER2.id, annotationId: a.id, input: ZSetChain.parse({ version, hops: [{ sourceId: source.id, locator: "p. 3" }] }) });
    await reopened(version + 1, users.REVIEWER2.id);
  });

  it("gives verdicts without sign-off where the workspace does not ask for it", async () => {
    const ws = await testWorkspace(TEXT);
    await db().workspace.update({ where: { id: ws.workspaceId }, data: { requireSignOff: false } });
    const a = await create(ws.users.REVIEWER.id, ws.documentId, { start: 18, end: 28 });
    const verdict = await update(ws.users.REVIEWER.id, a.id, { version: 1, status: "SOURCE_NOT_FOUND" });
    expect(verdict).toMatchObject({ signOff: "NONE", verdictBy: { id: ws.users.REVIEWER.id } });
    await expect(decide(ws.users.EDITOR.id, a.id, { version: verdict.version, decision: "CONFIRM" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("assignment and the checklist", () => {
  it("assigns to a reviewer or above with an ASSIGNED event, and refuses viewers and strangers (422)", async () => {
    const ws = await testWorkspace(TEXT);
    const a = await create(ws.users.EDITOR.id, ws.documentId, { start: 0, end: 8 });
    const assigned = await update(ws.users.EDITOR.id, a.id, { version: 1, assigneeId: ws.users.REVIEWER.id });
    expect(assigned.assignee).toMatchObject({ id: ws.users.REVIEWER.id });
    expect((await eventsOf(a.id)).at(-1)).toMatchObject({ type: "ASSIGNED", before: { assigneeId: null }, after: { assigneeId: ws.users.REVIEWER.id } });
    for (const who of [ws.users.VIEWER.id, ws.users.STRANGER.id]) {
      await expect(update(ws.users.EDITOR.id, a.id, { version: 2, assigneeId: who })).rejects.toMatchObject({ code: "VALIDATION", fields: { assigneeId: expect.any(String) } });
    }
    const listed = await update(ws.users.EDITOR.id, a.id, { version: 2, onChecklist: true, assigneeId: null });
    expect(listed).toMatchObject({ onChecklist: true, assignee: null, version: 3 });
    expect((await eventsOf(a.id)).at(-1)).toMatchObject({ type: "UPDATED", after: { onChecklist: true, assigneeId: null } });
  });
});
