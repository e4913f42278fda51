import { expect, test, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { createAnnotation, createSource, item, openCampaign, sidebar } from "./fixtures/annotator";
import { apiSignIn, createUser, createWorkspace, type TUser } from "./fixtures/factories";

const open = (page: Page, quote: string) => item(page, quote).locator(":scope > .item-button").click();

async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, user: TUser) {
  const context = await playwright.request.newContext({ baseURL });
  await apiSignIn(context, user);
  return context;
}

test("Verified without evidence is refused next to the status field; a Supports item added in the sidebar then allows it", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  await createSource({ workspaceId: workspace.id, userId: workspace.users.OWNER.id, title: "Memorial report on Khojaly" });
  await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.EDITOR.id, needle: "Seyran Oghanyan" });
  await openCampaign(page, workspace, "REVIEWER");
  await open(page, "Seyran Oghanyan");

  const status = sidebar(page).getByLabel("Verification status");
  await status.selectOption("VERIFIED");
  await sidebar(page).getByRole("button", { name: "Save changes" }).click();
  // The inner locator is matched inside each .field, so it starts from the page, not the sidebar.
  const statusField = sidebar(page).locator(".field").filter({ has: page.getByLabel("Verification status") });
  await expect(statusField.getByRole("alert")).toHaveText("Add at least one evidence item before setting Verified");
  await expect(status).toHaveAttribute("aria-invalid", "true");
  await expect(item(page, "Seyran Oghanyan").locator(".item-meta .status-badge")).toContainText("Unverified");

  const evidence = sidebar(page).getByRole("region", { name: "Evidence" });
  await expect(evidence).toContainText("No evidence yet");
  await evidence.getByRole("button", { name: "Add evidence" }).click();
  const form = evidence.getByRole("form", { name: "Add evidence" });
  await form.getByRole("radio", { name: "Supports" }).check();
  await form.getByLabel("Source").selectOption({ label: "Memorial report on Khojaly" });
  await form.getByLabel("Locator").fill("p. 4");
  await form.getByLabel("Passage").fill("Оганян командовал операцией");
  await form.getByLabel("Translation").fill("Oghanyan commanded the operation");
  await form.getByLabel("URL", { exact: true }).fill("https://example.org/memorial");
  await form.getByLabel("Archived URL").fill("https://web.archive.org/web/2024/https://example.org/memorial");
  await form.getByLabel("Accessed on").fill("2024-05-31");
  await form.getByRole("button", { name: "Save evidence" }).click();
  await expect(form).toBeHidden();

  const entry = evidence.getByRole("listitem");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Supports");
  await expect(entry).toContainText("“Оганян командовал операцией”");
  await expect(entry).toContainText("Oghanyan commanded the operation");
  await expect(entry).toContainText("Memorial report on Khojaly, p. 4");
  await expect(entry.getByRole("link", { name: "Archived copy" })).toHaveAttribute("href", "https://web.archive.org/web/2024/https://example.org/memorial");
  await expect(entry).toContainText("Accessed 2024-05-31");
  // The refusal no longer holds, and the status chosen before is still chosen.
  await expect(statusField.getByRole("alert")).toHaveCount(0);
  await expect(status).toHaveValue("VERIFIED");

  await sidebar(page).getByRole("button", { name: "Save changes" }).click();
  await expect(item(page, "Seyran Oghanyan").locator(".item-meta .status-badge")).toContainText("Verified");
  await page.reload();
  await expect(item(page, "Seyran Oghanyan").locator(".item-meta .status-badge")).toContainText("Verified");
  await expect(item(page, "Seyran Oghanyan")).toContainText("1 evidence item");

  // The last item of a Verified annotation stays.
  await open(page, "Seyran Oghanyan");
  await sidebar(page).getByRole("button", { name: "Remove evidence 1" }).click();
  await expect(sidebar(page).getByRole("region", { name: "Evidence" }).getByRole("alert")).toContainText("This is the only evidence for a Verified annotation");
});

test("an attribution chain of two hops is saved and shown in the sidebar, to readers too", async ({ page, browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  await createSource({ workspaceId: workspace.id, userId: workspace.users.OWNER.id, title: "Khojaly Tragedy (booklet)" });
  await createSource({ workspaceId: workspace.id, userId: workspace.users.OWNER.id, title: "Memorial report on Khojaly" });
  await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.EDITOR.id, needle: "ASALA" });
  await openCampaign(page, workspace, "REVIEWER");
  await open(page, "ASALA");

  const chain = sidebar(page).getByRole("form", { name: "Attribution chain" });
  await chain.getByRole("button", { name: "Add hop" }).click();
  await chain.getByRole("group", { name: "Hop 1" }).getByLabel("Source").selectOption({ label: "Memorial report on Khojaly" });
  await chain.getByRole("button", { name: "Add hop" }).click();
  const second = chain.getByRole("group", { name: "Hop 2" });
  await second.getByLabel("Source").selectOption({ label: "Khojaly Tragedy (booklet)" });
  await second.getByLabel("Locator").fill("p. 3");
  // Wrong order: the booklet quotes Memorial, so it comes first.
  await chain.getByRole("button", { name: "Move hop 2 up" }).click();
  await expect(chain.getByRole("group", { name: "Hop 1" }).getByLabel("Locator")).toHaveValue("p. 3");
  await chain.getByRole("button", { name: "Save chain" }).click();
  await expect(chain.getByRole("status")).toHaveText("Chain saved");

  const expected = ["This document", "→ quoting Khojaly Tragedy (booklet), p. 3", "→ quoting Memorial report on Khojaly"];
  await expect(item(page, "ASALA").getByRole("list", { name: "Attribution chain" }).getByRole("listitem")).toHaveText(expected);

  const reader = await (await browser.newContext()).newPage();
  await openCampaign(reader, workspace, "VIEWER");
  await expect(item(reader, "ASALA").getByRole("list", { name: "Attribution chain" }).getByRole("listitem")).toHaveText(expected);
  await open(reader, "ASALA");
  await expect(sidebar(reader).getByRole("button", { name: "Save chain" })).toHaveCount(0);

  // The annotation's own form kept up with the version the chain bumped: a note saves without a conflict.
  await sidebar(page).getByLabel("Note").first().fill("chain checked");
  await sidebar(page).getByRole("button", { name: "Save changes" }).click();
  await expect(sidebar(page).getByText("This annotation was changed by")).toHaveCount(0);
  await expect(item(page, "ASALA").getByRole("list", { name: "Attribution chain" }).getByRole("listitem")).toHaveText(expected);
});

test("evidence and chain API: 201, 200, 400, 409, 422, 403, 404", async ({ request, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const other = await createWorkspace();
  const doc = workspace.documents[0];
  const mine = await createSource({ workspaceId: workspace.id, userId: workspace.users.OWNER.id, title: "Memorial report" });
  const booklet = await createSource({ workspaceId: workspace.id, userId: workspace.users.OWNER.id, title: "Khojaly Tragedy" });
  const foreign = await createSource({ workspaceId: other.id, userId: other.users.OWNER.id, title: "Elsewhere" });
  const a = await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "ASALA" });
  await apiSignIn(request, workspace.users.REVIEWER);
  const evidenceUrl = `/api/v1/annotations/${a.id}/evidence`;

  const added = await request.post(evidenceUrl, { data: { stance: "SUPPORTS", sourceId: mine.id, passage: "ASALA", accessedOn: "2024-05-31" } });
  expect(added.status()).toBe(201);
  const item1 = await added.json();
  expect(item1).toMatchObject({ annotationId: a.id, stance: "SUPPORTS", source: { id: mine.id, title: "Memorial report" }, version: 1, accessedOn: "2024-05-31" });
  expect(await (await request.get(`/api/v1/annotations/${a.id}`)).json()).toMatchObject({ version: 2, evidenceCount: 1 });

  expect((await request.post(evidenceUrl, { data: { stance: "SUPPORTS", passage: "x", colour: "red" } })).status()).toBe(400);
  const invalid = await request.post(evidenceUrl, { data: { stance: "MAYBE", url: "example.org", accessedOn: "31/05/2024" } });
  expect(invalid.status()).toBe(422);
  expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual(["accessedOn", "stance", "url"]);
  const crossed = await request.post(evidenceUrl, { data: { stance: "CONTEXT", sourceId: foreign.id } });
  expect(crossed.status()).toBe(422);
  expect((await crossed.json()).error.fields).toEqual({ sourceId: "Choose a source of this workspace" });

  const patched = await request.patch(`/api/v1/evidence/${item1.id}`, { data: { version: 1, note: "p. 4 of the Russian edition" } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ version: 2, note: "p. 4 of the Russian edition" });
  const stale = await request.patch(`/api/v1/evidence/${item1.id}`, { data: { version: 1, note: "mine" } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error).toMatchObject({ code: "CONFLICT", current: { id: item1.id, version: 2 } });

  // The status rule through the API, and the last item of a Verified annotation.
  const verified = await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 3, status: "VERIFIED" } });
  expect(verified.status()).toBe(200);
  const lastOne = await request.delete(`/api/v1/evidence/${item1.id}`);
  expect(lastOne.status()).toBe(409);
  expect((await lastOne.json()).error.message).toContain("the only evidence for a Verified annotation");

  const chainUrl = `/api/v1/annotations/${a.id}/chain`;
  const chained = await request.put(chainUrl, { data: { version: 4, hops: [{ sourceId: booklet.id, locator: "p. 3" }, { sourceId: mine.id, note: "as quoted" }] } });
  expect(chained.status()).toBe(200);
  expect(await chained.json()).toMatchObject({ version: 5, chain: [{ sourceId: booklet.id, title: "Khojaly Tragedy", locator: "p. 3" }, { sourceId: mine.id, note: "as quoted" }] });
  expect((await request.put(chainUrl, { data: { version: 4, hops: [] } })).status()).toBe(409);
  const badHop = await request.put(chainUrl, { data: { version: 5, hops: [{ sourceId: foreign.id }] } });
  expect(badHop.status()).toBe(422);
  expect((await badHop.json()).error.fields).toEqual({ "hops.0.sourceId": "Choose a source of this workspace" });
  expect((await request.put(chainUrl, { data: { version: 5, hops: Array.from({ length: 21 }, () => ({ sourceId: mine.id })) } })).status()).toBe(422);
  expect((await request.put(chainUrl, { data: { version: 5, hops: [], extra: 1 } })).status()).toBe(400);
  const events = (await (await request.get(`/api/v1/annotations/${a.id}/events`)).json()).events;
  expect(events.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([["CREATED", 1], ["EVIDENCE_ADDED", 2], ["EVIDENCE_UPDATED", 3], ["UPDATED", 4], ["CHAIN_SET", 5]]);

  const viewer = await signedIn(playwright, baseURL, workspace.users.VIEWER);
  expect((await viewer.get(evidenceUrl)).status()).toBe(200);
  expect((await (await viewer.get(evidenceUrl)).json()).evidence.map((e: { id: string }) => e.id)).toEqual([item1.id]);
  expect((await viewer.post(evidenceUrl, { data: { stance: "SUPPORTS", passage: "x" } })).status()).toBe(403);
  expect((await viewer.patch(`/api/v1/evidence/${item1.id}`, { data: { version: 2, note: "x" } })).status()).toBe(403);
  expect((await viewer.delete(`/api/v1/evidence/${item1.id}`)).status()).toBe(403);
  expect((await viewer.put(chainUrl, { data: { version: 5, hops: [] } })).status()).toBe(403);

  const stranger = await signedIn(playwright, baseURL, await createUser("stranger"));
  expect((await stranger.get(evidenceUrl)).status()).toBe(404);
  expect((await stranger.post(evidenceUrl, { data: { stance: "SUPPORTS", passage: "x" } })).status()).toBe(404);
  expect((await stranger.patch(`/api/v1/evidence/${item1.id}`, { data: { version: 2, note: "x" } })).status()).toBe(404);
  expect((await stranger.delete(`/api/v1/evidence/${item1.id}`)).status()).toBe(404);
  expect((await stranger.put(chainUrl, { data: { version: 5, hops: [] } })).status()).toBe(404);

  // Once the status no longer needs it, the item can go (204), and it leaves the list.
  expect((await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 5, status: "IN_PROGRESS" } })).status()).toBe(200);
  expect((await request.delete(`/api/v1/evidence/${item1.id}`)).status()).toBe(204);
  expect((await (await request.get(evidenceUrl)).json()).evidence).toEqual([]);
  expect((await request.patch(`/api/v1/evidence/${item1.id}`, { data: { version: 3, note: "x" } })).status()).toBe(404);
});
