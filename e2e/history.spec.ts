import { expect, test, type Locator, type PlaywrightWorkerArgs } from "@playwright/test";
import { cpLength } from "../lib/anchoring/code-points";
import { readCorpusText } from "../prisma/demo";
import { createAnnotation, createSource, item, openCampaign, sidebar } from "./fixtures/annotator";
import { apiSignIn, createUser, createWorkspace, type TUser } from "./fixtures/factories";

async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, user: TUser) {
  const context = await playwright.request.newContext({ baseURL });
  await apiSignIn(context, user);
  return context;
}

/** The entries of a list of events, not the lists of changes nested in them. */
const entries = (list: Locator) => list.locator(":scope > li");

test("an annotation's History and the document's activity feed tell every change in words", async ({ page, request, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const text = readCorpusText(doc.file);
  const start = cpLength(text.slice(0, text.indexOf("Serzh Sarkisian")));
  const source = await createSource({ workspaceId: workspace.id, userId: workspace.users.OWNER.id, title: "Black Garden" });
  const a = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: "Serzh Sarkisian" });

  // The reviewer moves it, gives it a source, finds evidence and verifies; an editor signs it off.
  await apiSignIn(request, workspace.users.REVIEWER);
  const patch = async (data: object) => {
    const response = await request.patch(`/api/v1/annotations/${a.id}`, { data });
    expect(response.status()).toBe(200);
  };
  await patch({ version: 1, start, end: start + 33, exact: "Serzh Sarkisian revealed his role" });
  await patch({ version: 2, sourceId: source.id });
  expect((await request.post(`/api/v1/annotations/${a.id}/evidence`, { data: { stance: "SUPPORTS", sourceId: source.id, passage: "Before Khojaly, the Azerbaijanis thought" } })).status()).toBe(201);
  await patch({ version: 4, status: "VERIFIED" });
  const editor = await signedIn(playwright, baseURL, workspace.users.EDITOR);
  expect((await editor.post(`/api/v1/annotations/${a.id}/sign-off`, { data: { version: 5, decision: "CONFIRM" } })).status()).toBe(200);

  await openCampaign(page, workspace, "EDITOR");
  await item(page, "Serzh Sarkisian revealed").locator(":scope > .item-button").click();
  const toggle = sidebar(page).getByRole("button", { name: /^History/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");

  const timeline = entries(sidebar(page).getByRole("list", { name: "Events, oldest first" }));
  await expect(timeline).toHaveCount(6);
  const expected: [string, string, string[]][] = [
    ["Created", "by reviewer", [`Span: characters ${start}–${start + 15} “Serzh Sarkisian”`, "Source: No source", "Status: Unverified"]],
    ["Moved", "by reviewer", [`Span: from characters ${start}–${start + 15} “Serzh Sarkisian” to characters ${start}–${start + 33} “Serzh Sarkisian revealed his role”`]],
    ["Source changed", "by reviewer", ["Source: from No source to Black Garden"]],
    ["Evidence added", "by reviewer", ["Stance: Supports", "Passage: “Before Khojaly, the Azerbaijanis thought”", "Source: Black Garden"]],
    ["Status changed", "by reviewer", ["Status: from Unverified to Verified", "Verdict by: from Nobody to reviewer", "Sign-off: from No sign-off to Awaiting sign-off"]],
    ["Signed off", "by editor", ["Sign-off: from Awaiting sign-off to Signed off", "Sign-off by: from Nobody to editor"]],
  ];
  for (const [i, [title, actor, lines]] of expected.entries()) {
    const entry = timeline.nth(i);
    await expect(entry.locator(".history-head strong")).toHaveText(title);
    await expect(entry.locator(".history-head")).toContainText(actor);
    await expect(entry.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
    for (const line of lines) await expect(entry).toContainText(line);
  }
  // Before and after are told apart by words and by markup, not by colour alone.
  await expect(timeline.nth(4).locator("del")).toHaveText(["Unverified", "Nobody", "No sign-off"]);
  await expect(timeline.nth(4).locator("ins")).toHaveText(["Verified", "reviewer", "Awaiting sign-off"]);

  // A change made here shows up in the open History at once.
  await sidebar(page).getByLabel("Note").fill("Confirmed against the NYU Press edition");
  await sidebar(page).getByRole("button", { name: "Save changes" }).click();
  await expect(timeline).toHaveCount(7);
  await expect(timeline.nth(6)).toContainText("Note edited by editor");
  await expect(timeline.nth(6)).toContainText("Note: from none to “Confirmed against the NYU Press edition”");

  // The activity feed: the same events, newest first, each with its annotation's quote.
  await page.getByRole("link", { name: "Activity", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Activity");
  const feed = entries(page.getByRole("list", { name: "Events, newest first" }));
  await expect(feed.locator(".history-head strong")).toHaveText(["Note edited", "Signed off", "Status changed", "Evidence added", "Source changed", "Moved", "Created"]);
  await expect(feed.nth(5)).toContainText(`from characters ${start}–${start + 15} “Serzh Sarkisian” to characters ${start}–${start + 33}`);
  await expect(feed.first().getByRole("link", { name: "“Serzh Sarkisian revealed his role”" })).toHaveAttribute("href", `/documents/${doc.id}?annotation=${a.id}`);

  await page.getByLabel("Event type").selectOption({ label: "Evidence added" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/type=EVIDENCE_ADDED/);
  await expect(feed.locator(".history-head strong")).toHaveText(["Evidence added"]);
  await expect(feed.first()).toContainText("Passage: “Before Khojaly, the Azerbaijanis thought”");

  await page.getByLabel("Event type").selectOption({ label: "All types" });
  await page.getByLabel("Member").selectOption({ label: "editor" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(feed.locator(".history-head strong")).toHaveText(["Note edited", "Signed off"]);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(feed).toHaveCount(7);
});

test("activity API: newest first, filters, cursor pages, and clear errors", async ({ request, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const a = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: "ASALA" });
  await apiSignIn(request, workspace.users.REVIEWER);
  for (let version = 1; version <= 52; version++) {
    expect((await request.patch(`/api/v1/annotations/${a.id}`, { data: { version, note: `note ${version}` } })).status()).toBe(200);
  }
  const feed = `/api/v1/documents/${doc.id}/events`;

  const first = await (await request.get(feed)).json();
  expect(first.events).toHaveLength(50);
  expect(first.events[0]).toMatchObject({ type: "UPDATED", version: 53, after: { note: "note 52" }, annotation: { id: a.id, exact: "ASALA", deleted: false } });
  expect(first.nextBefore).toBe(first.events[49].id);
  const second = await (await request.get(`${feed}?before=${first.nextBefore}`)).json();
  expect(second.events.map((e: { version: number }) => e.version)).toEqual([3, 2, 1]);
  expect(second.nextBefore).toBeNull();

  const created = await (await request.get(`${feed}?type=CREATED&actor=${workspace.users.REVIEWER.id}`)).json();
  expect(created.events.map((e: { type: string }) => e.type)).toEqual(["CREATED"]);
  expect((await (await request.get(`${feed}?type=&actor=`)).json()).events).toHaveLength(50);

  const badType = await request.get(`${feed}?type=EDITED`);
  expect(badType.status()).toBe(422);
  expect((await badType.json()).error.fields.type).toContain("CREATED");
  expect((await request.get(`${feed}?before=abc`)).status()).toBe(422);

  const stranger = await signedIn(playwright, baseURL, await createUser("stranger"));
  expect((await stranger.get(feed)).status()).toBe(404);
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get(feed)).status()).toBe(401);
});
