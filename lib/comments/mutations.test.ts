import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { create, eventsOf, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import { deleteComment, editComment, markAnnotationMentionsRead, markMentionsRead, postComment, setThreadResolved } from "./mutations";
import { getThread, listInbox, unreadMentionCount } from "./queries";

const mention = (user: { id: string; name: string }) => `<span data-type="mention" data-id="${user.id}" data-label="${user.name}">@${user.name}</span>`;

async function setup() {
  const ws = await testWorkspace();
  const a = await create(ws.users.REVIEWER.id, ws.documentId, { start: 0, end: 8 });
  return { ...ws, a };
}

describe("postComment (real database)", () => {
  it("stores sanitized HTML and its text, mentions members only, and writes one COMMENTED event without bumping the annotation", async () => {
    const { users, a } = await setup();
    const stranger = users.STRANGER;
    const c = await postComment({
      userId: users.REVIEWER.id,
      annotationId: a.id,
      input: {
        html: `<p><strong>Check</strong> this <img src=x onerror=alert(1)>, ${mention(users.EDITOR)} ${mention(stranger)} ${mention(users.REVIEWER)}</p><script>alert(1)</script>`,
      },
    });
    expect(c.html).toBe(
      `<p><strong>Check</strong> this , ${mention(users.EDITOR)} @${stranger.name} ${mention(users.REVIEWER)}</p>`,
    );
    expect(c.text).toBe(`Check this , @${users.EDITOR.name} @${stranger.name} @${users.REVIEWER.name}`);
    expect(c).toMatchObject({ annotationId: a.id, version: 1, editedAt: null, deletedAt: null, author: { id: users.REVIEWER.id } });

    // The editor is notified; the stranger (not a member) and the author are not.
    const mentions = await db().mention.findMany({ where: { commentId: c.id }, select: { userId: true } });
    expect(mentions.map((m) => m.userId)).toEqual([users.EDITOR.id]);
    expect(await unreadMentionCount({ userId: stranger.id })).toBe(0);
    expect((await listInbox({ userId: stranger.id })).items).toEqual([]);

    const events = await eventsOf(a.id);
    expect(events.map((e) => e.type)).toEqual(["CREATED", "COMMENTED"]);
    expect(events[1]).toMatchObject({ actorId: users.REVIEWER.id, version: 1, before: null, after: { commentId: c.id, text: c.text } });
    expect((await db().annotation.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(1);
  });

  it("refuses an empty comment and an over-long one (422) and an oversized body (413), writing nothing", async () => {
    const { users, a } = await setup();
    const post = (html: string) => postComment({ userId: users.REVIEWER.id, annotationId: a.id, input: { html } });
    await expect(post("<p></p>")).rejects.toMatchObject({ code: "VALIDATION", fields: { html: "Write a comment first" } });
    await expect(post("<p><img src=x onerror=alert(1)> <script>alert(1)</script></p>")).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(post(`<p>${"x".repeat(20_001)}</p>`)).rejects.toMatchObject({ code: "VALIDATION", fields: { html: expect.stringContaining("At most 20,000 characters") } });
    await expect(post(`<p>${"<em>x</em>".repeat(25_000)}</p>`)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(await post(`<p>${"x".repeat(20_000)}</p>`)).toMatchObject({ version: 1 });
    expect((await eventsOf(a.id)).map((e) => e.type)).toEqual(["CREATED", "COMMENTED"]);
    // The event carries an excerpt, not the whole text.
    expect(((await eventsOf(a.id))[1].after as { text: string }).text).toHaveLength(200);
  });

  it("lets a VIEWER read the thread but not comment; another workspace's member is told it does not exist", async () => {
    const { users, a } = await setup();
    await postComment({ userId: users.EDITOR.id, annotationId: a.id, input: { html: "<p>first</p>" } });
    expect((await getThread({ userId: users.VIEWER.id, annotationId: a.id })).comments.map((c) => c.text)).toEqual(["first"]);
    await expect(postComment({ userId: users.VIEWER.id, annotationId: a.id, input: { html: "<p>x</p>" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getThread({ userId: users.STRANGER.id, annotationId: a.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(postComment({ userId: users.STRANGER.id, annotationId: a.id, input: { html: "<p>x</p>" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("editComment and deleteComment (real database)", () => {
  it("edits one's own comment only, against its version: 409 with the comment as it stands when stale", async () => {
    const { users, a } = await setup();
    const c = await postComment({ userId: users.REVIEWER.id, annotationId: a.id, input: { html: "<p>613 killed</p>" } });
    const edit = (userId: string, version: number, html: string) => editComment({ userId, commentId: c.id, input: { version, html } });

    await expect(edit(users.REVIEWER2.id, 1, "<p>hijacked</p>")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(edit(users.OWNER.id, 1, "<p>hijacked</p>")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(edit(users.STRANGER.id, 1, "<p>hijacked</p>")).rejects.toMatchObject({ code: "NOT_FOUND" });

    const edited = await edit(users.REVIEWER.id, 1, `<p>613 killed, says ${mention(users.OWNER)}</p>`);
    expect(edited).toMatchObject({ version: 2, text: `613 killed, says @${users.OWNER.name}`, editedAt: expect.any(String) });
    expect(await db().mention.count({ where: { commentId: c.id, userId: users.OWNER.id } })).toBe(1);

    await expect(edit(users.REVIEWER.id, 1, "<p>from an old tab</p>")).rejects.toMatchObject({
      code: "CONFLICT",
      current: { id: c.id, version: 2, text: edited.text },
    });

    // Taking the mention out of the text takes it out of the owner's inbox.
    await edit(users.REVIEWER.id, 2, "<p>613 killed</p>");
    expect(await db().mention.count({ where: { commentId: c.id } })).toBe(0);

    const events = (await eventsOf(a.id)).filter((e) => e.type === "COMMENT_EDITED");
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actorId: users.REVIEWER.id, version: 1, before: { commentId: c.id, text: "613 killed" }, after: { commentId: c.id, text: edited.text } });
    expect(await db().annotationEvent.count({ where: { annotationId: a.id } })).toBe(4);
  });

  it("deletes softly: the author or an editor, not another reviewer; the thread keeps a placeholder; one event", async () => {
    const { users, a } = await setup();
    const mine = await postComment({ userId: users.REVIEWER.id, annotationId: a.id, input: { html: `<p>note for ${mention(users.EDITOR)}</p>` } });
    const theirs = await postComment({ userId: users.REVIEWER2.id, annotationId: a.id, input: { html: "<p>second</p>" } });
    expect(await unreadMentionCount({ userId: users.EDITOR.id })).toBe(1);

    await expect(deleteComment({ userId: users.REVIEWER2.id, commentId: mine.id, input: { version: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteComment({ userId: users.VIEWER.id, commentId: mine.id, input: { version: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteComment({ userId: users.REVIEWER.id, commentId: mine.id, input: { version: 7 } })).rejects.toMatchObject({ code: "CONFLICT", current: { version: 1 } });

    const gone = await deleteComment({ userId: users.REVIEWER.id, commentId: mine.id, input: { version: 1 } });
    expect(gone).toMatchObject({ version: 2, html: "", text: "", deletedAt: expect.any(String) });
    // An editor may remove another member's comment.
    await deleteComment({ userId: users.EDITOR.id, commentId: theirs.id, input: { version: 1 } });

    const thread = await getThread({ userId: users.VIEWER.id, annotationId: a.id });
    expect(thread.comments.map((c) => [c.id, c.deletedAt !== null, c.text])).toEqual([
      [mine.id, true, ""],
      [theirs.id, true, ""],
    ]);
    // A deleted comment can be neither edited nor deleted again, and leaves the inbox.
    await expect(editComment({ userId: users.REVIEWER.id, commentId: mine.id, input: { version: 2, html: "<p>back</p>" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await unreadMentionCount({ userId: users.EDITOR.id })).toBe(0);

    const deleted = (await eventsOf(a.id)).filter((e) => e.type === "COMMENT_DELETED");
    expect(deleted.map((e) => [e.actorId, e.before, e.after])).toEqual([
      [users.REVIEWER.id, { commentId: mine.id, text: `note for @${users.EDITOR.name}` }, { commentId: mine.id, deleted: true }],
      [users.EDITOR.id, { commentId: theirs.id, text: "second" }, { commentId: theirs.id, deleted: true }],
    ]);
  });

  it("records each comment event at the annotation's current version", async () => {
    const { users, a } = await setup();
    await update(users.REVIEWER.id, a.id, { version: 1, note: "bumped" });
    const c = await postComment({ userId: users.REVIEWER.id, annotationId: a.id, input: { html: "<p>at two</p>" } });
    const last = (await eventsOf(a.id)).at(-1);
    expect(last).toMatchObject({ type: "COMMENTED", version: 2, after: { commentId: c.id } });
  });
});

describe("setThreadResolved (real database)", () => {
  it("resolves and reopens against the annotation's version, bumping it, one event each; stale is 409", async () => {
    const { users, a } = await setup();
    await expect(setThreadResolved({ userId: users.VIEWER.id, annotationId: a.id, input: { version: 1, resolved: true } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setThreadResolved({ userId: users.STRANGER.id, annotationId: a.id, input: { version: 1, resolved: true } })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const resolved = await setThreadResolved({ userId: users.REVIEWER2.id, annotationId: a.id, input: { version: 1, resolved: true } });
    expect(resolved).toMatchObject({ version: 2, threadResolved: true });
    const thread = await getThread({ userId: users.VIEWER.id, annotationId: a.id });
    expect(thread).toMatchObject({ resolved: true, annotationVersion: 2, resolvedBy: { id: users.REVIEWER2.id }, resolvedAt: expect.any(String) });

    await expect(setThreadResolved({ userId: users.REVIEWER.id, annotationId: a.id, input: { version: 1, resolved: false } })).rejects.toMatchObject({
      code: "CONFLICT",
      current: { id: a.id, version: 2, threadResolved: true },
    });
    // The same state again changes nothing.
    expect(await setThreadResolved({ userId: users.REVIEWER.id, annotationId: a.id, input: { version: 2, resolved: true } })).toMatchObject({ version: 2 });

    const reopened = await setThreadResolved({ userId: users.REVIEWER.id, annotationId: a.id, input: { version: 2, resolved: false } });
    expect(reopened).toMatchObject({ version: 3, threadResolved: false });
    expect((await getThread({ userId: users.REVIEWER.id, annotationId: a.id })).resolvedBy).toBeNull();

    const events = (await eventsOf(a.id)).slice(1);
    expect(events.map((e) => [e.type, e.actorId, e.version, e.before, e.after])).toEqual([
      ["THREAD_RESOLVED", users.REVIEWER2.id, 2, { threadResolved: false }, { threadResolved: true }],
      ["THREAD_REOPENED", users.REVIEWER.id, 3, { threadResolved: true }, { threadResolved: false }],
    ]);
    // A stale annotation edit after the resolve is refused too: resolving is a change of the annotation.
    await expect(update(users.REVIEWER.id, a.id, { version: 1, note: "late" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("inbox (real database)", () => {
  it("lists one's mentions newest first with unread counts; marking read touches only one's own", async () => {
    const { users, a } = await setup();
    const first = await postComment({ userId: users.REVIEWER.id, annotationId: a.id, input: { html: `<p>one ${mention(users.EDITOR)}</p>` } });
    const second = await postComment({ userId: users.OWNER.id, annotationId: a.id, input: { html: `<p>two ${mention(users.EDITOR)} ${mention(users.VIEWER)}</p>` } });

    const inbox = await listInbox({ userId: users.EDITOR.id });
    expect(inbox.unread).toBe(2);
    expect(inbox.items.map((i) => [i.comment?.id, i.comment?.author.id, i.readAt])).toEqual([
      [second.id, users.OWNER.id, null],
      [first.id, users.REVIEWER.id, null],
    ]);
    expect(inbox.items[0]).toMatchObject({ annotation: { id: a.id, exact: a.exact }, document: { title: "Doc" }, comment: { excerpt: `two @${users.EDITOR.name} @${users.VIEWER.name}` } });

    const paged = await listInbox({ userId: users.EDITOR.id, limit: 1 });
    expect(paged.items.map((i) => i.comment?.id)).toEqual([second.id]);
    expect((await listInbox({ userId: users.EDITOR.id, limit: 1, cursor: paged.nextCursor! })).items.map((i) => i.comment?.id)).toEqual([first.id]);

    // Someone else's mention id changes nothing.
    const viewerMention = (await listInbox({ userId: users.VIEWER.id })).items[0];
    expect(await markMentionsRead({ userId: users.EDITOR.id, input: { ids: [viewerMention.id] } })).toEqual({ updated: 0, unread: 2 });
    expect(await unreadMentionCount({ userId: users.VIEWER.id })).toBe(1);

    expect(await markMentionsRead({ userId: users.EDITOR.id, input: { ids: [inbox.items[1].id] } })).toEqual({ updated: 1, unread: 1 });
    expect(await markMentionsRead({ userId: users.EDITOR.id, input: { all: true } })).toEqual({ updated: 1, unread: 0 });
    expect((await listInbox({ userId: users.EDITOR.id })).items.every((i) => i.readAt !== null)).toBe(true);

    // Opening the annotation from the inbox reads its mentions.
    expect(await markAnnotationMentionsRead({ userId: users.VIEWER.id, annotationId: a.id })).toBe(1);
    expect(await unreadMentionCount({ userId: users.VIEWER.id })).toBe(0);

    // A member who leaves the workspace no longer sees its mentions.
    await postComment({ userId: users.REVIEWER.id, annotationId: a.id, input: { html: `<p>three ${mention(users.EDITOR)}</p>` } });
    expect(await unreadMentionCount({ userId: users.EDITOR.id })).toBe(1);
    await db().membership.deleteMany({ where: { userId: users.EDITOR.id } });
    expect(await unreadMentionCount({ userId: users.EDITOR.id })).toBe(0);
    expect((await listInbox({ userId: users.EDITOR.id })).items).toEqual([]);
  });
});
