import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAnnotation, sidebar } from "./fixtures/annotator";
import { apiSignIn, createWorkspace, signIn, type TUser } from "./fixtures/factories";

/** Deep in the compilation, far below the first screen. */
const PASSAGE = "photo stand featuring terrible moments";
const REASON = "The embassy's own release does not mention a photo stand.";
const inboxLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });
const entries = (page: Page) => page.locator(".inbox-list > li");
const passageLine = (page: Page) => page.locator(".document-text p", { hasText: PASSAGE });

async function pageAs(browser: Browser, user: TUser) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

/** The reviewer verifies the passage (evidence, then Verified) through the API: a verdict awaiting sign-off. */
async function verdictAwaitingSignOff(page: Page) {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents.find((d) => d.file.startsWith("003_"))!;
  const a = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: PASSAGE });
  await apiSignIn(page.request, workspace.users.REVIEWER);
  expect((await page.request.post(`/api/v1/annotations/${a.id}/evidence`, { data: { stance: "SUPPORTS", passage: "a photo stand" } })).status()).toBe(201);
  expect((await page.request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, status: "VERIFIED" } })).status()).toBe(200);
  await page.context().clearCookies();
  return { workspace, doc, a };
}

test("a verdict awaiting sign-off reaches the editor's inbox; returned, it reaches its giver with the reason, and the link scrolls to the passage", async ({ page, browser }) => {
  const { workspace, doc, a } = await verdictAwaitingSignOff(page);

  // The editor is told, and the reviewer who gave the verdict is not.
  await signIn(page, workspace.users.EDITOR);
  await expect(inboxLink(page)).toHaveText("Inbox (1)");
  await inboxLink(page).click();
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("reviewer’s verdict “Verified” waits for your sign-off");
  await expect(entries(page).first()).toContainText(PASSAGE);

  await entries(page).first().getByRole("link", { name: /^Open the annotation/ }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${doc.id}\\?annotation=${a.id}`));
  const signOff = sidebar(page).getByRole("region", { name: "Sign-off" });
  await signOff.getByRole("button", { name: "Return…" }).click();
  await signOff.getByLabel("Why does the verdict go back?").fill(REASON);
  await signOff.getByRole("button", { name: "Return verdict" }).click();
  await expect(signOff).toContainText("Returned");
  // Opening it read the request; the editor's own return tells the editor nothing.
  await expect(inboxLink(page)).toHaveText("Inbox");

  const reviewer = await pageAs(browser, workspace.users.REVIEWER);
  await expect(inboxLink(reviewer)).toHaveText("Inbox (1)");
  await inboxLink(reviewer).click();
  const entry = entries(reviewer).first();
  await expect(entry).toContainText("editor returned your verdict");
  await expect(entry.locator("blockquote")).toHaveText(`Reason: ${REASON}`);

  // The link opens the reading view at the passage, with the annotation and its discussion in view.
  await entry.getByRole("link", { name: /^Open the annotation/ }).click();
  await expect(passageLine(reviewer)).toBeInViewport();
  await expect(sidebar(reviewer).getByRole("region", { name: "Sign-off" })).toContainText(REASON);
  await expect(sidebar(reviewer).getByRole("region", { name: /^Discussion/ })).toBeInViewport();
  expect(await reviewer.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
  await expect(inboxLink(reviewer)).toHaveText("Inbox");
});

test("turning a kind off in Notifications hides new ones of that kind, and the header count follows", async ({ page, browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const first = await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "Khojaly" });
  const second = await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "Azerbaijan" });
  const editor = await pageAs(browser, workspace.users.EDITOR);
  const assign = async (id: string) =>
    expect((await editor.request.patch(`/api/v1/annotations/${id}`, { data: { version: 1, assigneeId: workspace.users.REVIEWER.id } })).status()).toBe(200);

  await signIn(page, workspace.users.REVIEWER);
  await assign(first.id);
  await page.goto("/inbox");
  await expect(inboxLink(page)).toHaveText("Inbox (1)");
  await expect(entries(page).first()).toContainText("editor assigned an annotation to you");

  await page.getByRole("link", { name: "Choose what shows here" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const assigned = page.getByRole("checkbox", { name: /An annotation was assigned to me/ });
  await expect(assigned).toBeChecked();
  await assigned.uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved. New notifications follow these choices.");

  await assign(second.id);
  await page.reload();
  await expect(assigned).not.toBeChecked();
  await page.goto("/inbox");
  // The one already there stays; the new assignment does not arrive.
  await expect(entries(page)).toHaveCount(1);
  await expect(inboxLink(page)).toHaveText("Inbox (1)");
  const api = await (await page.request.get("/api/v1/inbox")).json();
  expect(api.items.map((i: { kind: string; annotation: { id: string } }) => [i.kind, i.annotation.id])).toEqual([["ASSIGNED", first.id]]);
  expect(await (await page.request.get("/api/v1/inbox/settings")).json()).toMatchObject({ ASSIGNED: false, VERDICT_RETURNED: true });
});

test("mentions can be turned off too: a comment naming me then leaves my inbox and the header count alone", async ({ page, browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const a = await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "Khojaly" });
  const reviewer = await pageAs(browser, workspace.users.REVIEWER);
  const mention = `<span data-type="mention" data-id="${workspace.users.EDITOR.id}" data-label="editor">@editor</span>`;
  const comment = async (words: string) =>
    expect((await reviewer.request.post(`/api/v1/annotations/${a.id}/comments`, { data: { html: `<p>${words} ${mention}</p>` } })).status()).toBe(201);

  await signIn(page, workspace.users.EDITOR);
  await comment("First look, please");
  await page.goto("/settings/notifications");
  const mentions = page.getByRole("checkbox", { name: /A comment mentions me/ });
  await expect(mentions).toBeChecked();
  await mentions.uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved. New notifications follow these choices.");

  await comment("Second look, please");
  await page.goto("/inbox");
  // The mention already there stays; the new one does not arrive.
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("First look");
  await expect(inboxLink(page)).toHaveText("Inbox (1)");
  expect(await (await page.request.get("/api/v1/inbox/settings")).json()).toMatchObject({ MENTION: false, ASSIGNED: true });

  // Back on, the next mention arrives again (through the API this time).
  expect((await page.request.put("/api/v1/inbox/settings", { data: { MENTION: true } })).status()).toBe(200);
  await comment("Third look, please");
  await page.reload();
  await expect(entries(page)).toHaveCount(2);
  await expect(entries(page).first()).toContainText("Third look");
  await expect(inboxLink(page)).toHaveText("Inbox (2)");
});

test("a confirmed verdict reaches its giver's inbox, and the link opens the reading view at the passage", async ({ page, browser }) => {
  const { workspace, a } = await verdictAwaitingSignOff(page);
  const editor = await pageAs(browser, workspace.users.EDITOR);
  expect((await editor.request.post(`/api/v1/annotations/${a.id}/sign-off`, { data: { version: 3, decision: "CONFIRM" } })).status()).toBe(200);

  await signIn(page, workspace.users.REVIEWER);
  await expect(inboxLink(page)).toHaveText("Inbox (1)");
  await inboxLink(page).click();
  const entry = entries(page).first();
  await expect(entry).toContainText("editor confirmed your verdict");
  await expect(entry).toContainText(PASSAGE);
  await entry.getByRole("link", { name: /^Open the annotation/ }).click();
  await expect(passageLine(page)).toBeInViewport();
  await expect(sidebar(page).getByRole("region", { name: "Sign-off" })).toContainText("Confirmed");
  await expect(inboxLink(page)).toHaveText("Inbox");
});
