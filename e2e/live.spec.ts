import { expect, test, type APIRequestContext, type Browser, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { cpLength } from "../lib/anchoring/code-points";
import { readCorpusText } from "../prisma/demo";
import pg from "pg";
import { createAnnotation, createManyAnnotations, item, openCampaign, paintedHighlights, quoteButtons, sidebar } from "./fixtures/annotator";
import { apiSignIn, createUser, createWorkspace, prisma, type TUser, type TWorkspace } from "./fixtures/factories";

/*
 * Live updates between two browser contexts (two members on the same document), through the
 * real stack: server action -> AnnotationEvent trigger -> pg_notify -> the app's LISTEN
 * connection -> SSE -> the other page. The issue asks for "within 2 seconds": those waits say so.
 */

const WITHIN_2_S = { timeout: 2000 };

const open = (page: Page, quote: string) => item(page, quote).locator(":scope > .item-button").click();
const liveStatus = (page: Page) => sidebar(page).locator(".live-status");
const announcement = (page: Page) => sidebar(page).locator(".live-announcement");

/** A page of its own (own cookies) for `role`, on the campaign page, with the live stream up. */
async function member(browser: Browser, workspace: TWorkspace, role: keyof TWorkspace["users"]) {
  const page = await (await browser.newContext()).newPage();
  await openCampaign(page, workspace, role);
  await expect(liveStatus(page)).toHaveText("Live");
  // Survives only if the page is never reloaded.
  await page.evaluate(() => Object.assign(window, { liveMarker: "not reloaded" }));
  return page;
}

const notReloaded = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe("not reloaded");

async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, user: TUser) {
  const context = await playwright.request.newContext({ baseURL });
  await apiSignIn(context, user);
  return context;
}

/** Code-point offsets of the first `needle` in a corpus document, for API calls. */
function spanOf(workspace: TWorkspace, needle: string) {
  const text = readCorpusText(workspace.documents[0].file);
  const start = cpLength(text.slice(0, text.indexOf(needle)));
  return { start, end: start + cpLength(needle), exact: needle };
}

test("the reviewer's verdict reaches the editor's open page within 2 s; the editor's sign-off reaches the reviewer's", async ({ browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.OWNER.id, needle: "Seyran Oghanyan" });
  const editor = await member(browser, workspace, "EDITOR");
  const reviewer = await member(browser, workspace, "REVIEWER");

  // The reviewer adds evidence and gives the verdict.
  await open(reviewer, "Seyran Oghanyan");
  const evidence = sidebar(reviewer).getByRole("region", { name: "Evidence" });
  await evidence.getByRole("button", { name: "Add evidence" }).click();
  const form = evidence.getByRole("form", { name: "Add evidence" });
  await form.getByRole("radio", { name: "Supports" }).check();
  await form.getByLabel("Passage").fill("Seyran Ohanyan commanded the operation");
  await form.getByRole("button", { name: "Save evidence" }).click();
  await expect(form).toBeHidden();
  await sidebar(reviewer).getByLabel("Verification status").selectOption("VERIFIED");
  await sidebar(reviewer).getByRole("button", { name: "Save changes" }).click();
  const reviewerSignOff = sidebar(reviewer).getByRole("region", { name: "Sign-off" });
  await expect(reviewerSignOff).toContainText("Awaiting sign-off");
  await expect(reviewerSignOff.getByRole("button", { name: "Confirm" })).toHaveCount(0);

  // The editor's page, open all along, shows it without a reload.
  const entry = item(editor, "Seyran Oghanyan");
  await expect(entry.getByText("Awaiting sign-off")).toBeVisible(WITHIN_2_S);
  await expect(entry.locator(".status-badge")).toContainText("Verified");
  await expect(entry).toContainText("1 evidence item");
  await expect(announcement(editor)).toHaveText("reviewer verified “Seyran Oghanyan”");
  await expect.poll(async () => (await paintedHighlights(editor))["pv-verified"]).toEqual(["Seyran Oghanyan"]);
  await notReloaded(editor);

  // The editor confirms; the reviewer's open page follows.
  await open(editor, "Seyran Oghanyan");
  const editorSignOff = sidebar(editor).getByRole("region", { name: "Sign-off" });
  await editorSignOff.getByRole("button", { name: "Confirm" }).click();
  await expect(editorSignOff).toContainText("Signed off");
  await expect(reviewerSignOff.getByText("Signed off")).toBeVisible(WITHIN_2_S);
  await expect(reviewerSignOff).toContainText("Confirmed by editor");
  await expect(item(reviewer, "Seyran Oghanyan").locator(".sign-off-badge")).toContainText("Signed off");
  await expect(announcement(reviewer)).toHaveText("editor confirmed the verdict on “Seyran Oghanyan”");
  await notReloaded(reviewer);
  // The editor's own change was applied once, with no announcement of it to themselves.
  await expect(announcement(editor)).toHaveText("reviewer verified “Seyran Oghanyan”");
  await expect(item(editor, "Seyran Oghanyan")).toHaveCount(1);
});

test("another member's new, changed and deleted annotations appear in the list and the highlights live", async ({ browser, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const editor = await member(browser, workspace, "EDITOR");
  const owner = await signedIn(playwright, baseURL, workspace.users.OWNER);
  const heading = sidebar(editor).getByRole("heading", { name: /Annotations/ });
  await expect(heading).toHaveText("Annotations (0)");

  const created = await owner.post(`/api/v1/documents/${workspace.documents[0].id}/annotations`, {
    data: { ...spanOf(workspace, "ASALA"), status: "IN_PROGRESS", source: { kind: "REPORT", title: "Terrorism in the 1980s (report)" } },
  });
  expect(created.status()).toBe(201);
  const a = await created.json();
  await expect(item(editor, "ASALA")).toBeVisible();
  await expect(item(editor, "ASALA")).toContainText("Terrorism in the 1980s (report)");
  await expect(heading).toHaveText("Annotations (1)");
  await expect.poll(async () => (await paintedHighlights(editor))["pv-in-progress"]).toEqual(["ASALA"]);
  await expect(announcement(editor)).toHaveText("owner annotated “ASALA”");
  // The new source is offered by the list's filter too.
  await expect(sidebar(editor).getByLabel("Filter by source").locator("option", { hasText: "Terrorism in the 1980s (report)" })).toHaveCount(1);

  expect((await owner.patch(`/api/v1/annotations/${a.id}`, { data: { version: 1, status: "SOURCE_NOT_FOUND" } })).status()).toBe(200);
  await expect(item(editor, "ASALA").locator(".status-badge")).toContainText("Source not found");
  await expect.poll(async () => (await paintedHighlights(editor))["pv-source-not-found"]).toEqual(["ASALA"]);
  expect((await paintedHighlights(editor))["pv-in-progress"]).toEqual([]);

  expect((await owner.delete(`/api/v1/annotations/${a.id}`)).status()).toBe(204);
  await expect(item(editor, "ASALA")).toHaveCount(0);
  await expect(heading).toHaveText("Annotations (0)");
  await expect.poll(async () => (await paintedHighlights(editor))["pv-source-not-found"]).toEqual([]);
  await expect(announcement(editor)).toHaveText("owner deleted “ASALA”");
  await notReloaded(editor);
});

test("what a member is typing survives another member's change; saving it meets the conflict panel", async ({ browser, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const a = await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.OWNER.id, needle: "ASALA", note: "original note" });
  const editor = await member(browser, workspace, "EDITOR");
  const reviewer = await signedIn(playwright, baseURL, workspace.users.REVIEWER);
  await open(editor, "ASALA");
  const note = sidebar(editor).getByLabel("Note");
  const locator = sidebar(editor).getByLabel("Locator");

  // Nothing typed yet: the open form follows the change.
  expect((await reviewer.patch(`/api/v1/annotations/${a.id}`, { data: { version: 1, locator: "para. 17" } })).status()).toBe(200);
  await expect(locator).toHaveValue("para. 17");
  await expect(sidebar(editor).getByText("reviewer changed this annotation.")).toHaveCount(0);

  // Typed but not saved: the input stays, a notice says who changed what is under it.
  await note.fill("my unsaved note");
  expect((await reviewer.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, locator: "para. 18" } })).status()).toBe(200);
  await expect(item(editor, "ASALA")).toContainText("para. 18");
  await expect(sidebar(editor).getByText("reviewer changed this annotation.")).toBeVisible();
  await expect(note).toHaveValue("my unsaved note");
  await expect(locator).toHaveValue("para. 17");

  await sidebar(editor).getByRole("button", { name: "Save changes" }).click();
  const conflict = sidebar(editor).getByRole("alert").filter({ hasText: "This annotation was changed by" });
  await expect(conflict).toContainText("This annotation was changed by reviewer (version 3)");
  await conflict.getByRole("button", { name: "Reapply my changes" }).click();
  await expect(conflict).toBeHidden();
  const stored = await (await reviewer.get(`/api/v1/annotations/${a.id}`)).json();
  expect(stored).toMatchObject({ version: 4, locator: "para. 18", note: "my unsaved note" });
  await expect(note).toHaveValue("my unsaved note");
  await expect(locator).toHaveValue("para. 18");
  await notReloaded(editor);
});

test("presence: the editor sees who else has the document open, and sees them leave", async ({ browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const editor = await member(browser, workspace, "EDITOR");
  const presence = editor.locator(".document-header .presence");
  await expect(presence).not.toContainText("Also here");

  const reviewer = await member(browser, workspace, "REVIEWER");
  await expect(presence).toHaveText("Also here: reviewer (reviewer)");
  // Nobody is listed to themselves.
  await expect(reviewer.locator(".document-header .presence")).toHaveText("Also here: editor (editor)");

  await reviewer.close();
  await expect(presence).not.toContainText("Also here");
});

/** Keeps the page's EventSource objects reachable, to make one fail as a browser would (failStream). */
async function keepStreams(page: Page) {
  await page.addInitScript(() => {
    const Native = window.EventSource;
    const opened: EventSource[] = [];
    Object.assign(window, {
      openedStreams: opened,
      EventSource: class extends Native {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          opened.push(this);
        }
      },
    });
  });
}

const isStream = (url: URL) => url.pathname.endsWith("/live");

/** The page's stream fails for good (readyState CLOSED), and the server cannot be reached until `page.unroute(isStream)`. */
async function failStream(page: Page) {
  await page.route(isStream, (route) => route.abort());
  await page.evaluate(() => {
    const stream = (window as unknown as { openedStreams: EventSource[] }).openedStreams.at(-1)!;
    stream.close();
    stream.dispatchEvent(new Event("error"));
  });
}

test("when the browser's EventSource gives up, the page says so and reopens the stream from the last event it saw", async ({ browser, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const a = await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.OWNER.id, needle: "ASALA" });
  const page = await (await browser.newContext()).newPage();
  await keepStreams(page);
  await openCampaign(page, workspace, "EDITOR");
  await expect(liveStatus(page)).toHaveText("Live");
  await page.evaluate(() => Object.assign(window, { liveMarker: "not reloaded" }));
  const owner = await signedIn(playwright, baseURL, workspace.users.OWNER);
  expect((await owner.patch(`/api/v1/annotations/${a.id}`, { data: { version: 1, locator: "para. 1" } })).status()).toBe(200);
  await expect(item(page, "ASALA")).toContainText("para. 1");
  const lastSeen = (await (await owner.get(`/api/v1/annotations/${a.id}/events`)).json()).events.at(-1).id;

  // The stream fails for good (readyState CLOSED) and the server cannot be reached for now.
  await failStream(page);
  await expect(liveStatus(page)).toHaveText("Reconnecting…");
  expect((await owner.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, locator: "para. 2" } })).status()).toBe(200);

  const reopened = page.waitForRequest((r) => isStream(new URL(r.url())));
  await page.unroute(isStream);
  expect(new URL((await reopened).url()).searchParams.get("lastEventId")).toBe(lastSeen);
  await expect(item(page, "ASALA")).toContainText("para. 2");
  await expect(liveStatus(page)).toHaveText("Live");
  await notReloaded(page);
});

type TMessage = { event: string; id?: string; data: string };

/** Reads an SSE response message by message, as EventSource would; `until` reads on until `stop` holds. */
function sse(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: TMessage[] = [];
  let buffer = "";
  return {
    messages,
    async until(stop: (messages: TMessage[]) => boolean) {
      while (!stop(messages)) {
        const { done, value } = await reader.read();
        if (done) throw new Error("The stream ended");
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const message: TMessage = { event: "message", data: "" };
          for (const line of buffer.slice(0, end).split("\n")) {
            const [field, ...rest] = line.split(":");
            const value = rest.join(":").replace(/^ /, "");
            if (field === "event") message.event = value;
            if (field === "id") message.id = value;
            if (field === "data") message.data += value;
          }
          buffer = buffer.slice(end + 2);
          if (message.data) messages.push(message);
        }
      }
    },
    events: () => messages.filter((m) => m.event === "message").map((m) => ({ sseId: m.id, ...JSON.parse(m.data) })),
  };
}

async function cookieOf(context: APIRequestContext) {
  return (await context.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test("a stream opened with Last-Event-ID replays the missed events in order, then goes on live; 401 and 404 otherwise", async ({ playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const reviewer = await signedIn(playwright, baseURL, workspace.users.REVIEWER);
  const a = await (await reviewer.post(`/api/v1/documents/${doc.id}/annotations`, { data: spanOf(workspace, "ASALA") })).json();
  const [seen] = (await (await reviewer.get(`/api/v1/annotations/${a.id}/events`)).json()).events;

  // Missed while disconnected:
  await reviewer.patch(`/api/v1/annotations/${a.id}`, { data: { version: 1, note: "first" } });
  await reviewer.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, note: "second" } });
  const b = await (await reviewer.post(`/api/v1/documents/${doc.id}/annotations`, { data: spanOf(workspace, "Seyran Oghanyan") })).json();

  const cookie = await cookieOf(reviewer);
  const abort = new AbortController();
  const response = await fetch(`${baseURL}/api/v1/documents/${doc.id}/live`, { headers: { cookie, "Last-Event-ID": seen.id }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
  const stream = sse(response);
  await stream.until((m) => m.some((x) => x.event === "ready"));
  const events = stream.events();
  expect(events.map((e) => [e.type, e.annotationId, e.annotation.note])).toEqual([
    ["UPDATED", a.id, "second"],
    ["UPDATED", a.id, "second"],
    ["CREATED", b.id, ""],
  ]);
  expect(events.every((e, i) => e.sseId === e.id && (i === 0 || BigInt(e.id) > BigInt(events[i - 1].id)))).toBe(true);
  expect(BigInt(events[0].id)).toBeGreaterThan(BigInt(seen.id));

  // After the replay, new events arrive on the same stream (after the presence list, which may come first).
  await reviewer.patch(`/api/v1/annotations/${b.id}`, { data: { version: 1, note: "live" } });
  await stream.until(() => stream.events().length === 4);
  expect(stream.events()[3]).toMatchObject({ type: "UPDATED", annotationId: b.id, actor: { id: workspace.users.REVIEWER.id }, annotation: { note: "live", version: 2 } });
  abort.abort();

  // The workspace's stream takes the starting point as ?lastEventId= too.
  const workspaceAbort = new AbortController();
  const fromWorkspace = await fetch(`${baseURL}/api/v1/workspaces/${workspace.id}/live?lastEventId=${seen.id}`, { headers: { cookie }, signal: workspaceAbort.signal });
  const all = sse(fromWorkspace);
  await all.until((m) => m.some((x) => x.event === "ready"));
  expect(all.events().map((e) => e.type)).toEqual(["UPDATED", "UPDATED", "CREATED", "UPDATED"]);
  workspaceAbort.abort();

  expect((await fetch(`${baseURL}/api/v1/documents/${doc.id}/live`)).status).toBe(401);
  const stranger = await signedIn(playwright, baseURL, await createUser("stranger"));
  const refused = await fetch(`${baseURL}/api/v1/documents/${doc.id}/live`, { headers: { cookie: await cookieOf(stranger) } });
  expect(refused.status).toBe(404);
  expect((await fetch(`${baseURL}/api/v1/workspaces/${workspace.id}/live`, { headers: { cookie: await cookieOf(stranger) } })).status).toBe(404);
  const malformed = await fetch(`${baseURL}/api/v1/documents/${doc.id}/live?lastEventId=abc`, { headers: { cookie } });
  expect(malformed.status).toBe(400);
});

test("a change whose transaction took a lower id and committed while the page was disconnected reaches it on reconnect", async ({ browser, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const documentId = workspace.documents[0].id;
  const a = await createAnnotation({ documentId, userId: workspace.users.OWNER.id, needle: "ASALA" });
  const b = await createAnnotation({ documentId, userId: workspace.users.OWNER.id, needle: "Seyran Oghanyan" });
  const page = await (await browser.newContext()).newPage();
  await keepStreams(page);
  await openCampaign(page, workspace, "EDITOR");
  await expect(liveStatus(page)).toHaveText("Live");
  await page.evaluate(() => Object.assign(window, { liveMarker: "not reloaded" }));

  // T1 takes its event's id now and commits later.
  const late = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await late.connect();
  try {
    await late.query("BEGIN");
    await late.query(`UPDATE "Annotation" SET locator = 'p. 77', version = version + 1 WHERE id = $1`, [a.id]);
    await late.query(`INSERT INTO "AnnotationEvent" ("annotationId", "workspaceId", "documentId", type, "actorId", version, after) VALUES ($1, $2, $3, 'UPDATED', $4, 2, '{}')`, [
      a.id,
      workspace.id,
      documentId,
      workspace.users.OWNER.id,
    ]);
    // T2, a higher id, commits first and reaches the page.
    const owner = await signedIn(playwright, baseURL, workspace.users.OWNER);
    expect((await owner.patch(`/api/v1/annotations/${b.id}`, { data: { version: 1, locator: "para. 9" } })).status()).toBe(200);
    await expect(item(page, "Seyran Oghanyan")).toContainText("para. 9");

    // Disconnected; T1 commits meanwhile; the page resumes after T2's event.
    await failStream(page);
    await expect(liveStatus(page)).toHaveText("Reconnecting…");
    await late.query("COMMIT");
  } finally {
    await late.end();
  }
  await page.unroute(isStream);
  await expect(item(page, "ASALA")).toContainText("p. 77");
  await expect(liveStatus(page)).toHaveText("Live");
  await notReloaded(page);
});

test("a page that missed more than a replay may carry (an hour and more) is told to resync and reads its data again, without a reload", async ({ browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const documentId = workspace.documents[0].id;
  const a = await createAnnotation({ documentId, userId: workspace.users.OWNER.id, needle: "ASALA" });
  const page = await (await browser.newContext()).newPage();
  await keepStreams(page);
  await openCampaign(page, workspace, "EDITOR");
  await expect(liveStatus(page)).toHaveText("Live");
  await page.evaluate(() => Object.assign(window, { liveMarker: "not reloaded" }));
  await expect(quoteButtons(page)).toHaveCount(1);

  await failStream(page);
  await expect(liveStatus(page)).toHaveText("Reconnecting…");
  // Missed: an event from over an hour before, and an annotation that no event announces (a
  // replay could not bring it; reading the page's data again does).
  await prisma().annotationEvent.create({
    data: { annotationId: a.id, workspaceId: workspace.id, documentId, type: "UPDATED", actorId: workspace.users.OWNER.id, version: 1, after: {}, createdAt: new Date(Date.now() - 2 * 3600_000) },
  });
  await createManyAnnotations({ documentId, userId: workspace.users.OWNER.id, count: 1 });
  await page.unroute(isStream);
  await expect(quoteButtons(page)).toHaveCount(2);
  await expect(liveStatus(page)).toHaveText("Live");
  await notReloaded(page);
});

test("a member has at most 5 live streams: the 6th gets 429, the page says so and goes live once one closes", async ({ browser, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const editor = await signedIn(playwright, baseURL, workspace.users.EDITOR);
  const cookie = await cookieOf(editor);
  const open: AbortController[] = [];
  for (let i = 0; i < 5; i++) {
    const abort = new AbortController();
    const response = await fetch(`${baseURL}/api/v1/workspaces/${workspace.id}/live`, { headers: { cookie }, signal: abort.signal });
    expect(response.status).toBe(200);
    open.push(abort);
  }
  const sixth = await fetch(`${baseURL}/api/v1/documents/${workspace.documents[0].id}/live`, { headers: { cookie } });
  expect(sixth.status).toBe(429);
  expect((await sixth.json()).error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("at most 5") });
  // Another member is not affected.
  const reviewerAbort = new AbortController();
  const reviewer = await fetch(`${baseURL}/api/v1/workspaces/${workspace.id}/live`, { headers: { cookie: await cookieOf(await signedIn(playwright, baseURL, workspace.users.REVIEWER)) }, signal: reviewerAbort.signal });
  expect(reviewer.status).toBe(200);
  reviewerAbort.abort();

  // The same member in a browser: the page says why it is not live, and goes live once a stream closes.
  const page = await (await browser.newContext()).newPage();
  await openCampaign(page, workspace, "EDITOR");
  await expect(liveStatus(page)).toHaveText("Not live: too many open tabs");
  open.shift()!.abort();
  await expect(liveStatus(page)).toHaveText("Live", { timeout: 15_000 });
  for (const abort of open) abort.abort();
});
