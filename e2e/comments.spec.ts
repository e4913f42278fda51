import { expect, test, type Page } from "@playwright/test";
import { createAnnotation, item, openCampaign, sidebar } from "./fixtures/annotator";
import { apiSignIn, createWorkspace, signIn } from "./fixtures/factories";

const QUOTE = "Seyran Oghanyan";
const open = (page: Page, quote: string) => item(page, quote).locator(":scope > .item-button").click();
const discussion = (page: Page) => sidebar(page).getByRole("region", { name: /^Discussion/ });
const comments = (page: Page) => discussion(page).getByRole("list", { name: "Comments" }).getByRole("listitem");
const inboxLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });

async function setup() {
  const workspace = await createWorkspace({ corpus: true });
  const annotation = await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.EDITOR.id, needle: QUOTE });
  return { workspace, annotation };
}

/** Types into the discussion's comment box and posts it. */
async function post(page: Page, text: string) {
  await discussion(page).getByRole("textbox", { name: "Write a comment" }).click();
  await page.keyboard.type(text);
  await discussion(page).getByRole("button", { name: "Post", exact: true }).click();
}

test("a reviewer's comment with bold text and an @mention picked from the suggestions reaches the editor's inbox", async ({ page, browser }) => {
  const { workspace } = await setup();
  await openCampaign(page, workspace, "REVIEWER");
  await open(page, QUOTE);

  const box = discussion(page).getByRole("textbox", { name: "Write a comment" });
  await expect(discussion(page).getByRole("toolbar", { name: "Formatting" }).getByRole("button")).toHaveText(["Bold", "Italic", "Bulleted list", "Numbered list", "Quote", "Link"]);
  await box.click();
  await page.keyboard.type("Please ");
  await page.keyboard.press("Control+b");
  await expect(discussion(page).getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.type("check the figure");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(" with @");
  const suggestions = discussion(page).getByRole("listbox", { name: "Members to mention" });
  // Every member but the author.
  await expect(suggestions.getByRole("option")).toHaveCount(3);
  await expect(suggestions.getByRole("option").nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(suggestions.getByRole("option").nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(suggestions.getByRole("option").nth(0)).toHaveAttribute("aria-selected", "false");
  await page.keyboard.type("edi");
  await expect(suggestions.getByRole("option")).toHaveCount(1);
  const option = suggestions.getByRole("option", { name: /^editor/ });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id")) as string);
  await page.keyboard.press("Enter");
  await expect(suggestions).toBeHidden();
  await discussion(page).getByRole("button", { name: "Post", exact: true }).click();

  await expect(comments(page)).toHaveCount(1);
  await expect(comments(page).first().locator("strong", { hasText: "check the figure" })).toBeVisible();
  await expect(comments(page).first().locator('span[data-type="mention"]')).toHaveText("@editor");
  await expect(comments(page).first()).toContainText("reviewer");
  // The box is empty again for the next comment.
  await expect(box).toHaveText("");

  const editorPage = await (await browser.newContext()).newPage();
  await signIn(editorPage, workspace.users.EDITOR);
  await expect(inboxLink(editorPage)).toHaveText("Inbox (1)");
  await expect(inboxLink(editorPage)).toHaveAccessibleName("Inbox (1 unread)");
  await inboxLink(editorPage).click();
  await expect(editorPage.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const entry = editorPage.getByRole("listitem").filter({ hasText: "check the figure" });
  await expect(entry).toContainText("Unread");
  await expect(entry).toContainText("reviewer mentioned you");
  await expect(entry).toContainText("Please check the figure with @editor");
  await expect(entry).toContainText(`On ${QUOTE} in Justice for Khojaly`);

  await entry.getByRole("link", { name: /^Open the discussion/ }).click();
  await expect(editorPage).toHaveURL(new RegExp(`/documents/${workspace.documents[0].id}\\?annotation=`));
  await expect(item(editorPage, QUOTE)).toHaveClass(/selected/);
  await expect(discussion(editorPage).getByRole("listitem")).toContainText("Please check the figure with @editor");
  await expect(inboxLink(editorPage)).toHaveText("Inbox");
  await editorPage.goto("/inbox");
  await expect(editorPage.getByRole("listitem").filter({ hasText: "check the figure" })).not.toContainText("Unread");
  await expect(editorPage.getByRole("main").getByRole("status")).toHaveText("Nothing unread.");
});

test("<img src=x onerror=alert(1)> typed into the editor or posted as raw HTML renders as text and runs no script", async ({ page }) => {
  const { workspace, annotation } = await setup();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openCampaign(page, workspace, "REVIEWER");

  // Raw HTML straight to the API (the page's own session), as a hostile client would send it.
  const raw =
    '<p>raw <img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>' +
    '<a href="javascript:window.__pwned=3">link</a> <svg onload="window.__pwned=4"></svg><b style="color:red" onclick="alert(5)">bold</b></p>';
  const response = await page.request.post(`/api/v1/annotations/${annotation.id}/comments`, { data: { html: raw } });
  expect(response.status()).toBe(201);
  expect((await response.json()).html).toBe("<p>raw link <strong>bold</strong></p>");
  // Empty after sanitizing, unknown fields, and an oversized body are refused before anything is stored.
  const url = `/api/v1/annotations/${annotation.id}/comments`;
  expect((await page.request.post(url, { data: { html: "<p><img src=x onerror=alert(1)></p>" } })).status()).toBe(422);
  expect((await page.request.post(url, { data: { html: "<p>x</p>", authorId: workspace.users.OWNER.id } })).status()).toBe(400);
  expect((await page.request.post(url, { data: { html: `<p>${"x".repeat(600 * 1024)}</p>` } })).status()).toBe(413);

  await open(page, QUOTE);
  await post(page, "<img src=x onerror=alert(1)>");
  await expect(comments(page)).toHaveCount(2);
  await expect(comments(page).nth(1).locator(".comment-body")).toHaveText("<img src=x onerror=alert(1)>");

  await page.reload();
  await open(page, QUOTE);
  await expect(comments(page).nth(0).locator(".comment-body")).toHaveText("raw link bold");
  await expect(comments(page).nth(1).locator(".comment-body")).toHaveText("<img src=x onerror=alert(1)>");
  const body = discussion(page).locator(".comment-body");
  await expect(body.locator("img, script, svg, [onerror], [onclick], [style]")).toHaveCount(0);
  await expect(body.getByRole("link")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test("members edit only their own comments; a stale edit shows the conflict; deleted ones leave a placeholder", async ({ page, playwright, baseURL }) => {
  const { workspace, annotation } = await setup();
  const editorApi = await playwright.request.newContext({ baseURL });
  await apiSignIn(editorApi, workspace.users.EDITOR);
  const theirs = await (await editorApi.post(`/api/v1/annotations/${annotation.id}/comments`, { data: { html: "<p>The editor's note</p>" } })).json();

  await openCampaign(page, workspace, "REVIEWER");
  await open(page, QUOTE);
  await post(page, "My first take");
  await expect(comments(page)).toHaveCount(2);
  const [other, mine] = [comments(page).nth(0), comments(page).nth(1)];

  // Someone else's comment: no Edit or Delete, and the API refuses.
  await expect(other).toContainText("The editor's note");
  await expect(other.getByRole("button")).toHaveCount(0);
  expect((await page.request.patch(`/api/v1/comments/${theirs.id}`, { data: { version: 1, html: "<p>hijacked</p>" } })).status()).toBe(403);
  expect((await page.request.delete(`/api/v1/comments/${theirs.id}?version=1`)).status()).toBe(403);

  await mine.getByRole("button", { name: "Edit your comment" }).click();
  await mine.getByRole("textbox", { name: "Edit comment" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(" (revised)");
  await mine.getByRole("button", { name: "Save", exact: true }).click();
  await expect(mine.locator(".comment-body")).toHaveText("My first take (revised)");
  await expect(mine.locator(".comment-meta")).toContainText("edited");

  // The same comment changes in another tab while this one edits it.
  await mine.getByRole("button", { name: "Edit your comment" }).click();
  const thread = await (await page.request.get(`/api/v1/annotations/${annotation.id}/comments`)).json();
  const myId = thread.comments[1].id as string;
  expect((await page.request.patch(`/api/v1/comments/${myId}`, { data: { version: 2, html: "<p>Changed in another tab</p>" } })).status()).toBe(200);
  const stale = await page.request.patch(`/api/v1/comments/${myId}`, { data: { version: 2, html: "<p>x</p>" } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.current).toMatchObject({ id: myId, version: 3, text: "Changed in another tab" });

  await mine.getByRole("textbox", { name: "Edit comment" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(" and more");
  await mine.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = mine.getByRole("alert");
  await expect(conflict).toContainText("This comment changed since you started editing");
  await expect(conflict).toContainText("Changed in another tab");
  await expect(conflict.getByRole("button", { name: "Keep my text" })).toBeVisible();
  // Nothing was overwritten.
  expect((await (await page.request.get(`/api/v1/annotations/${annotation.id}/comments`)).json()).comments[1].text).toBe("Changed in another tab");

  await conflict.getByRole("button", { name: "Reload their version" }).click();
  await expect(mine.getByRole("textbox", { name: "Edit comment" })).toHaveText("Changed in another tab");
  await mine.getByRole("textbox", { name: "Edit comment" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(", checked");
  await mine.getByRole("button", { name: "Save", exact: true }).click();
  await expect(mine.locator(".comment-body")).toHaveText("Changed in another tab, checked");

  // Deleting keeps the comment's place in the thread.
  await mine.getByRole("button", { name: /^Delete comment by/ }).click();
  await mine.getByRole("button", { name: "Delete comment", exact: true }).click();
  await expect(comments(page).nth(1)).toHaveText("Comment deleted");
  await expect(comments(page).nth(0)).toContainText("The editor's note");
  await editorApi.dispose();
});

test("the inbox marks one mention or all as read; a resolved thread says by whom and can be reopened", async ({ page, browser }) => {
  const { workspace, annotation } = await setup();
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, workspace.users.REVIEWER);
  const mention = `<span data-type="mention" data-id="${workspace.users.EDITOR.id}" data-label="editor">@editor</span>`;
  for (const words of ["First question", "Second question"]) {
    const response = await reviewer.request.post(`/api/v1/annotations/${annotation.id}/comments`, { data: { html: `<p>${words} for ${mention}</p>` } });
    expect(response.status()).toBe(201);
  }

  await signIn(page, workspace.users.EDITOR);
  await expect(inboxLink(page)).toHaveText("Inbox (2)");
  const api = await (await page.request.get("/api/v1/inbox")).json();
  expect(api).toMatchObject({ unread: 2, nextCursor: null });
  expect(api.items.map((i: { comment: { excerpt: string } }) => i.comment.excerpt)).toEqual(["Second question for @editor", "First question for @editor"]);
  expect((await page.request.post("/api/v1/inbox/read", { data: {} })).status()).toBe(422);
  await inboxLink(page).click();
  const entries = page.getByRole("main").getByRole("listitem");
  // Newest first.
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText("Second question");
  await entries.nth(1).getByRole("button", { name: "Mark as read" }).click();
  await expect(entries.nth(1)).not.toContainText("Unread");
  await expect(entries.nth(0)).toContainText("Unread");
  await expect(inboxLink(page)).toHaveText("Inbox (1)");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Nothing unread.");
  await expect(inboxLink(page)).toHaveText("Inbox");

  await reviewer.getByRole("link", { name: "Justice for Khojaly (campaign page)" }).click();
  await open(reviewer, QUOTE);
  await discussion(reviewer).getByRole("button", { name: "Resolve thread" }).click();
  await expect(discussion(reviewer)).toContainText("Resolved by reviewer");
  await discussion(reviewer).getByRole("button", { name: "Reopen thread" }).click();
  await expect(discussion(reviewer).getByRole("button", { name: "Resolve thread" })).toBeVisible();
  await expect(discussion(reviewer)).not.toContainText("Resolved by");
});
