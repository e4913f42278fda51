import { expect, test, type Page } from "@playwright/test";
import { createAnnotation, createEvidence, createManyAnnotations, createSource, item, openCampaign, paintedHighlights, quoteButtons, selectText, sidebar } from "./fixtures/annotator";
import { apiSignIn, createWorkspace } from "./fixtures/factories";

const badge = (page: Page, quote: string) => item(page, quote).locator(".item-meta .status-badge");

test("a reviewer annotates “Thomas de Waal” with a new BOOK source and a locator; it survives a reload", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  await openCampaign(page, workspace, "REVIEWER");
  await selectText(page, "Thomas de Waal");
  await page.getByRole("button", { name: "Annotate" }).click();

  const dialog = page.getByRole("dialog", { name: "New annotation" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("combobox", { name: "Claimed source" }).fill("Black Garden");
  await dialog.getByRole("option", { name: "Create source “Black Garden”" }).click();
  // Nothing in "Black Garden" says what kind of work it is: the form asks, rather than assuming a book.
  await expect(dialog.getByLabel("Kind")).toHaveValue("");
  await dialog.getByLabel("Kind").selectOption("BOOK");
  await expect(dialog.getByLabel("Title", { exact: true })).toHaveValue("Black Garden");
  await dialog.getByLabel("Authors").fill("de Waal, Thomas");
  await dialog.getByLabel("Date").fill("2003");
  await dialog.getByLabel("Locator").fill("pp. 169-172");
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog).toBeHidden();

  for (const when of ["after saving", "after a reload"]) {
    const entry = item(page, "Thomas de Waal");
    await expect(entry, when).toContainText("de Waal · 2003 · Black Garden, pp. 169-172");
    await expect(badge(page, "Thomas de Waal")).toContainText("Unverified");
    await expect.poll(async () => (await paintedHighlights(page))["pv-unverified"], { message: when }).toEqual(["Thomas de Waal"]);
    await page.reload();
  }
});

test("two overlapping spans are both painted, listed in text order, and a click selects both", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  await openCampaign(page, workspace, "EDITOR");
  for (const needle of ["Thomas de Waal, “Black Garden", "de Waal"]) {
    await selectText(page, needle);
    await page.keyboard.press("a");
    const dialog = page.getByRole("dialog", { name: "New annotation" });
    await dialog.getByRole("button", { name: "Save annotation" }).click();
    await expect(dialog).toBeHidden();
  }
  const quotes = quoteButtons(page);
  await expect(quotes).toHaveText(["Thomas de Waal, “Black Garden", "de Waal"]);
  await expect.poll(async () => (await paintedHighlights(page))["pv-unverified"]).toEqual(["Thomas de Waal, “Black Garden", "de Waal"].sort());

  // Click inside the nested span: both annotations are chosen in the sidebar.
  const box = await page.locator(".document-text p", { hasText: "Thomas de Waal" }).evaluate((p) => {
    const text = p.firstChild as Text;
    const i = text.data.indexOf("de Waal") + 2;
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    const r = range.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  await expect(quotes.nth(0)).toHaveAttribute("aria-pressed", "true");
  await expect(quotes.nth(1)).toHaveAttribute("aria-pressed", "true");
});

test("changing the status changes the colour set and the counts", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const seyran = await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "Seyran Oghanyan" });
  // Contradicted needs evidence (e2e/evidence.spec.ts tests that rule); this test is about colours and counts.
  await createEvidence({ annotationId: seyran.id, userId: workspace.users.EDITOR.id, passage: "Oghanyan was not there", stance: "CONTRADICTS" });
  await openCampaign(page, workspace, "REVIEWER");
  await expect(sidebar(page).getByRole("list", { name: "Annotations by status" })).toHaveText(/Unverified: 1/);

  await item(page, "Seyran Oghanyan").locator(":scope > .item-button").click();
  await expect.poll(async () => (await paintedHighlights(page))["pv-selected"]).toEqual(["Seyran Oghanyan"]);
  await sidebar(page).getByLabel("Verification status").selectOption("CONTRADICTED");
  await sidebar(page).getByRole("button", { name: "Save changes" }).click();

  await expect(badge(page, "Seyran Oghanyan")).toContainText("Contradicted");
  await expect(sidebar(page).getByRole("list", { name: "Annotations by status" })).toHaveText(/Contradicted: 1/);
  await expect(sidebar(page).getByRole("list", { name: "Annotations by status" })).not.toHaveText(/Unverified/);
  const painted = await paintedHighlights(page);
  expect(painted["pv-contradicted"]).toEqual(["Seyran Oghanyan"]);
  expect(painted["pv-unverified"]).toEqual([]);

  await sidebar(page).getByRole("combobox", { name: "Filter by status" }).selectOption("VERIFIED");
  await expect(sidebar(page).getByText("No annotations match these filters.")).toBeVisible();
});

test("delete, then Undo within 10 seconds; an editor restores from the deleted list", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "366th regiment" });
  await openCampaign(page, workspace, "REVIEWER");
  await item(page, "366th regiment").locator(":scope > .item-button").click();
  await sidebar(page).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(item(page, "366th regiment")).toHaveCount(0);
  await expect.poll(async () => (await paintedHighlights(page))["pv-unverified"]).toEqual([]);
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(item(page, "366th regiment")).toHaveCount(1);
  await expect.poll(async () => (await paintedHighlights(page))["pv-unverified"]).toEqual(["366th regiment"]);
  await page.reload();
  await expect(item(page, "366th regiment")).toHaveCount(1);
  await expect(page.getByText("Deleted annotations")).toHaveCount(0); // reviewers have no restore list

  await item(page, "366th regiment").locator(":scope > .item-button").click();
  await sidebar(page).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(item(page, "366th regiment")).toHaveCount(0);

  const editor = await (await page.context().browser()!.newContext()).newPage();
  await openCampaign(editor, workspace, "EDITOR");
  await expect(item(editor, "366th regiment")).toHaveCount(0);
  await editor.getByText("Deleted annotations").click();
  await editor.getByRole("button", { name: "Restore “366th regiment”" }).click();
  await expect(item(editor, "366th regiment")).toHaveCount(1);
});

test("a VIEWER sees annotations but has no Annotate and no editing", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const serzh = await createAnnotation({ documentId: workspace.documents[0].id, userId: workspace.users.EDITOR.id, needle: "Serzh Sarkisian", status: "VERIFIED" });
  await createEvidence({ annotationId: serzh.id, userId: workspace.users.EDITOR.id, passage: "Sarkisian said so in 2000" });
  await openCampaign(page, workspace, "VIEWER");
  await expect(badge(page, "Serzh Sarkisian")).toContainText("Verified");
  await expect.poll(async () => (await paintedHighlights(page))["pv-verified"]).toEqual(["Serzh Sarkisian"]);
  await selectText(page, "Armenian occupation forces");
  await page.keyboard.press("a");
  await expect(page.getByRole("button", { name: "Annotate" })).toHaveCount(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await item(page, "Serzh Sarkisian").locator(":scope > .item-button").click();
  await expect(sidebar(page).getByRole("button", { name: "Save changes" })).toHaveCount(0);
  // Readers see the evidence, without the means to change it.
  await expect(sidebar(page).getByRole("region", { name: "Evidence" })).toContainText("“Sarkisian said so in 2000”");
  await expect(sidebar(page).getByRole("button", { name: /Add evidence|Remove evidence|Edit evidence/ })).toHaveCount(0);
  await expect(page.locator(".document-text")).toContainText("Justice for Khojaly"); // typing changed nothing
});

test("a stale save shows who changed the annotation and overwrites nothing; reapply then saves", async ({ page, browser, request }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const annotation = await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "ASALA", note: "original note" });
  await openCampaign(page, workspace, "REVIEWER");
  const other = await (await browser.newContext()).newPage();
  await openCampaign(other, workspace, "EDITOR");

  // The editor is typing while the reviewer saves: the live update must not wipe their input.
  await item(other, "ASALA").locator(":scope > .item-button").click();
  await sidebar(other).getByLabel("Note").fill("my note");

  await item(page, "ASALA").locator(":scope > .item-button").click();
  await sidebar(page).getByLabel("Locator").fill("para. 17");
  await sidebar(page).getByRole("button", { name: "Save changes" }).click();
  await expect(item(page, "ASALA")).toContainText("para. 17");

  await expect(sidebar(other).getByText("reviewer changed this annotation.")).toBeVisible();
  await expect(sidebar(other).getByLabel("Note")).toHaveValue("my note");
  await sidebar(other).getByRole("button", { name: "Save changes" }).click();
  const conflict = sidebar(other).getByRole("alert").filter({ hasText: "This annotation was changed by" });
  await expect(conflict).toContainText(`This annotation was changed by reviewer (version 2)`);
  await expect(conflict).toContainText("para. 17");

  await apiSignIn(request, workspace.users.VIEWER);
  const stored = await (await request.get(`/api/v1/annotations/${annotation.id}`)).json();
  expect(stored).toMatchObject({ version: 2, locator: "para. 17", note: "original note" });

  await conflict.getByRole("button", { name: "Reapply my changes" }).click();
  await expect(conflict).toBeHidden();
  const merged = await (await request.get(`/api/v1/annotations/${annotation.id}`)).json();
  expect(merged).toMatchObject({ version: 3, locator: "para. 17", note: "my note" });
});

test("keyboard only: select with Shift+arrows, press A, choose a source, save", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  await createSource({ workspaceId: workspace.id, userId: workspace.users.OWNER.id, title: "Memorial report on Khojaly", authors: [{ literal: "Memorial Human Rights Centre" }], aliases: ["Мемориал"] });
  await openCampaign(page, workspace, "REVIEWER");
  await page.locator(".document-text").focus();
  await page.keyboard.press("Control+Home");
  const text = page.getByRole("region", { name: "Document text" });
  await page.keyboard.press("Shift+End"); // the first line: "Justice for Khojaly"
  await expect(text).toHaveAttribute("data-selection", "0-19");
  await page.keyboard.press("Shift+ArrowLeft"); // and one character back, by arrow
  await expect(text).toHaveAttribute("data-selection", "0-18");
  await expect(page.getByRole("button", { name: "Annotate" })).toBeVisible();
  await page.keyboard.press("a");

  const dialog = page.getByRole("dialog", { name: "New annotation" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("combobox", { name: "Claimed source" })).toBeFocused();
  await page.keyboard.type("memorial");
  await page.keyboard.press("Enter"); // typing highlights the first match
  await expect(dialog.getByText("Chosen: Memorial Human Rights Centre · Memorial report on Khojaly")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Locator")).toBeFocused();
  await page.keyboard.type("p. 4");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Verification status")).toBeFocused();
  await page.keyboard.press("ArrowDown"); // Unverified -> In progress
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Save annotation" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(item(page, "Justice for Khojal")).toContainText("Memorial report on Khojaly");
  await expect(item(page, "Justice for Khojal")).toContainText("p. 4");
  await expect(badge(page, "Justice for Khojal")).toContainText("In progress");
  await expect.poll(async () => (await paintedHighlights(page))["pv-in-progress"]).toEqual(["Justice for Khojal"]);
  await expect(page.locator(".document-text")).toBeFocused();
});

test("a long list renders in steps; a span clicked far down is shown and chosen", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const quotes = await createManyAnnotations({ documentId: workspace.documents[0].id, userId: workspace.users.EDITOR.id, count: 150 });
  await openCampaign(page, workspace, "VIEWER");
  await expect(sidebar(page).getByRole("heading", { name: "Annotations (150)" })).toBeVisible();
  await expect.poll(async () => (await paintedHighlights(page))["pv-unverified"].length).toBe(150);
  await expect(quoteButtons(page)).toHaveCount(100);
  await expect(sidebar(page).getByRole("button", { name: "Show more (50 not shown yet)" })).toBeVisible();

  const last = quotes[quotes.length - 1];
  await selectText(page, last.exact, last.nth);
  const box = await page.evaluate(() => {
    const r = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { x: r.x + 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  await expect(sidebar(page).locator(".annotation-item > .item-button[aria-pressed=true]")).toHaveText(last.exact);
  await expect(quoteButtons(page)).toHaveCount(150);
});
