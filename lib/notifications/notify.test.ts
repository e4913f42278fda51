import { describe, expect, it } from "vitest";
import { ZSignOff } from "@/lib/annotations/schemas";
import { signOffAnnotation } from "@/lib/annotations/sign-off";
import { editComment, markMentionsRead, postComment } from "@/lib/comments/mutations";
import { listInbox, unreadInboxCount } from "@/lib/comments/queries";
import { setNotificationSettings } from "@/lib/notifications/mutations";
import { getNotificationSettings } from "@/lib/notifications/queries";
import { addEvidenceTo, create, testWorkspace, update, verdictByReviewer as verdictOf } from "@/lib/testing/annotation-fixtures";

const TEXT = "Memorial reported 613 killed in Khojaly (Newsweek, 16 March 1992).";

const kinds = async (userId: string) => (await listInbox({ userId })).items.map((i) => [i.kind, i.actor.id, i.reason]);

const verdictByReviewer = () => verdictOf(TEXT);

describe("notifications that follow the work", () => {
  it("a verdict asks the editors and owners for sign-off, not its giver nor other reviewers", async () => {
    const { users } = await verdictByReviewer();
    expect(await kinds(users.EDITOR.id)).toEqual([["SIGN_OFF_REQUESTED", users.REVIEWER.id, null]]);
    expect(await kinds(users.OWNER.id)).toEqual([["SIGN_OFF_REQUESTED", users.REVIEWER.id, null]]);
    expect(await kinds(users.REVIEWER.id)).toEqual([]);
    expect(await kinds(users.REVIEWER2.id)).toEqual([]);
    expect(await unreadInboxCount({ userId: users.EDITOR.id })).toBe(1);
  });

  it("a returned verdict reaches its giver once, with the reason; a confirmed one too", async () => {
    const { a, users } = await verdictByReviewer();
    await signOffAnnotation({ userId: users.EDITOR.id, annotationId: a.id, input: ZSignOff.parse({ version: a.version, decision: "RETURN", reason: "Page 12 says 200" }) });
    expect(await kinds(users.REVIEWER.id)).toEqual([["VERDICT_RETURNED", users.EDITOR.id, "Page 12 says 200"]]);
    const again = await signOffAnnotation({ userId: users.REVIEWER.id, annotationId: a.id, input: ZSignOff.parse({ version: a.version + 1, decision: "RESUBMIT" }) });
    // The editor who returned it hears of it again (their first request read or not), the resubmitter does not.
    expect((await kinds(users.EDITOR.id)).map((k) => k[0])).toEqual(["SIGN_OFF_REQUESTED", "SIGN_OFF_REQUESTED"]);
    await signOffAnnotation({ userId: users.OWNER.id, annotationId: a.id, input: ZSignOff.parse({ version: again.version, decision: "CONFIRM" }) });
    expect((await kinds(users.REVIEWER.id))[0]).toEqual(["VERDICT_CONFIRMED", users.OWNER.id, null]);
  });

  it("a confirmed verdict whose evidence changes asks for sign-off again, not of whoever changed it", async () => {
    const { a, users } = await verdictByReviewer();
    const confirmed = await signOffAnnotation({ userId: users.EDITOR.id, annotationId: a.id, input: ZSignOff.parse({ version: a.version, decision: "CONFIRM" }) });
    await addEvidenceTo(users.REVIEWER2.id, a.id, { stance: "CONTEXT", passage: "More" });
    expect(confirmed.signOff).toBe("CONFIRMED");
    expect((await kinds(users.EDITOR.id)).map((k) => [k[0], k[1]])).toEqual([
      ["SIGN_OFF_REQUESTED", users.REVIEWER2.id],
      ["SIGN_OFF_REQUESTED", users.REVIEWER.id],
    ]);
    expect((await kinds(users.REVIEWER2.id)).map((k) => k[0])).toEqual([]);
  });

  it("an assignment reaches the assignee unless they turned the kind off; marking read counts both tables", async () => {
    const ws = await testWorkspace(TEXT);
    const a = await create(ws.users.EDITOR.id, ws.documentId, { start: 18, end: 28 });
    const b = await create(ws.users.EDITOR.id, ws.documentId, { start: 0, end: 8 });
    await update(ws.users.EDITOR.id, a.id, { version: 1, assigneeId: ws.users.REVIEWER.id });
    expect(await kinds(ws.users.REVIEWER.id)).toEqual([["ASSIGNED", ws.users.EDITOR.id, null]]);

    expect(await setNotificationSettings({ userId: ws.users.REVIEWER.id, input: { ASSIGNED: false } })).toMatchObject({ ASSIGNED: false, VERDICT_RETURNED: true });
    await update(ws.users.EDITOR.id, b.id, { version: 1, assigneeId: ws.users.REVIEWER.id });
    expect(await kinds(ws.users.REVIEWER.id)).toHaveLength(1);
    // Assigning oneself tells nobody.
    await update(ws.users.EDITOR.id, b.id, { version: 2, assigneeId: ws.users.EDITOR.id });
    expect(await kinds(ws.users.EDITOR.id)).toEqual([]);

    expect(await markMentionsRead({ userId: ws.users.REVIEWER.id, input: { all: true } })).toEqual({ updated: 1, unread: 0 });
    expect((await getNotificationSettings({ userId: ws.users.REVIEWER.id })).ASSIGNED).toBe(false);
  });

  it("pages mentions and notifications as one list, newest first", async () => {
    const ws = await testWorkspace(TEXT);
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const a = await create(ws.users.EDITOR.id, ws.documentId, { start: 18 + i, end: 28 });
      await update(ws.users.EDITOR.id, a.id, { version: 1, assigneeId: ws.users.REVIEWER.id });
      ids.push(a.id);
    }
    const first = await listInbox({ userId: ws.users.REVIEWER.id, limit: 2 });
    const second = await listInbox({ userId: ws.users.REVIEWER.id, limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.annotation.id)).toEqual(ids.reverse());
    expect(second.nextCursor).toBeNull();
    expect((await listInbox({ userId: ws.users.REVIEWER.id, cursor: "not a cursor" })).items).toEqual([]);
  });

  it("a mention reaches the member named unless they turned mentions off; editing keeps the one they had", async () => {
    const ws = await testWorkspace(TEXT);
    const a = await create(ws.users.EDITOR.id, ws.documentId, { start: 18, end: 28 });
    const naming = (id: string, words: string) => ({ html: `<p>${words} <span data-type="mention" data-id="${id}" data-label="x">@x</span></p>` });
    const first = await postComment({ userId: ws.users.EDITOR.id, annotationId: a.id, input: naming(ws.users.REVIEWER.id, "One") });
    expect(await kinds(ws.users.REVIEWER.id)).toEqual([["MENTION", ws.users.EDITOR.id, null]]);

    expect(await setNotificationSettings({ userId: ws.users.REVIEWER.id, input: { MENTION: false } })).toMatchObject({ MENTION: false, ASSIGNED: true });
    await postComment({ userId: ws.users.EDITOR.id, annotationId: a.id, input: naming(ws.users.REVIEWER.id, "Two") });
    await editComment({ userId: ws.users.EDITOR.id, commentId: first.id, input: { version: first.version, ...naming(ws.users.REVIEWER.id, "One, edited") } });
    expect(await kinds(ws.users.REVIEWER.id)).toHaveLength(1);
    expect(await unreadInboxCount({ userId: ws.users.REVIEWER.id })).toBe(1);
  });
});
