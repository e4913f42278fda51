/** Issue 19, as a reviewer meets it in the reading view: the sidebar fits, editing is plain, the shortcut keys, the phone. */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { CAMPAIGN, createAnnotation, createEvidence, createSource, item, openCampaign, paintedHighlights, quoteButtons, selectText, sidebar } from "./fixtures/annotator";
import { expectAccessible } from "./fixtures/axe";
import { apiSignIn, createWorkspace, signIn, type TWorkspace } from "./fixtures/factories";

const campaignId = (workspace: TWorkspace) => workspace.documents.find((d) => d.title === CAMPAIGN)!.id;
const choose = (page: Page, quote: string) => item(page, quote).locator(":scope > .item-button").click();
const editForm = (page: Page) => sidebar(page).getByRole("form", { name: "Edit annotation" });
const spanQuote = (page: Page) => editForm(page).locator(".span-quote");

/** How far an element's content is wider than its box (0 when it fits). */
const overflowOf = (locator: Locator) => locator.evaluate((el) => el.scrollWidth - el.clientWidth);

/** True when the painted "chosen" highlight lies inside the window (the reader sees the passage). */
const chosenHighlightInView = (page: Page) =>
  page.evaluate(() => {
    const highlight = CSS.highlights.get("pv-selected");
    const range = highlight && ([...highlight][0] as Range | undefined);
    if (!range) return false;
    const r = range.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });

test.describe("finding your way with the keyboard", () => {
  test("? lists the reading view's shortcuts in a dialog; Escape closes it and focus returns to the text", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    await openCampaign(page, workspace, "REVIEWER");
    const text = page.locator(".document-text");
    await text.focus();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    for (const [key, does] of [
      ["J", "Choose the next annotation"],
      ["K", "Choose the previous annotation"],
      ["G", "Go to the chosen annotation's entry"],
      ["A", "Annotate the selected text"],
      ["]", "Move the span's start one word later"],
      ["}", "Move the span's end one word later"],
      ["?", "Show this list"],
    ]) {
      await expect(help.locator(".shortcut-list > div", { hasText: does }).locator("kbd")).toHaveText(key);
    }
    await expectAccessible(page, "reading view (shortcut help open)");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await expect(text).toBeFocused();

    // The visible button opens the same list, and its Close button returns focus to it.
    const button = sidebar(page).getByRole("button", { name: "Keyboard shortcuts" });
    await button.click();
    await help.getByRole("button", { name: "Close" }).click();
    await expect(help).toBeHidden();
    await expect(button).toBeFocused();
  });

  test("J twice chooses the second annotation and brings it into view, K goes back, G focuses its entry; keys typed in a field stay in the field", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    const documentId = campaignId(workspace);
    const userId = workspace.users.EDITOR.id;
    // Created out of order and far apart: the keys follow the text, and scroll to each passage.
    for (const needle of ["Islamic Cooperation", "Serzh Sarkisian", "Day of Khojaly genocide"]) await createAnnotation({ documentId, userId, needle });
    await openCampaign(page, workspace, "REVIEWER");
    await expect(quoteButtons(page)).toHaveText(["Day of Khojaly genocide", "Serzh Sarkisian", "Islamic Cooperation"]);
    const [first, second, third] = [0, 1, 2].map((i) => quoteButtons(page).nth(i));

    await page.keyboard.press("j");
    await expect(first).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("j");
    await expect(second).toHaveAttribute("aria-pressed", "true");
    await expect(first).toHaveAttribute("aria-pressed", "false");
    await expect.poll(async () => (await paintedHighlights(page))["pv-selected"]).toEqual(["Serzh Sarkisian"]);
    await expect.poll(() => chosenHighlightInView(page)).toBe(true);
    await expect(second).toBeInViewport();

    await page.keyboard.press("j");
    await expect(third).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => chosenHighlightInView(page)).toBe(true);
    await page.keyboard.press("k");
    await expect(second).toHaveAttribute("aria-pressed", "true");

    await page.keyboard.press("g");
    await expect(second).toBeFocused();

    // In a text field the letters are typed, not obeyed.
    const locator = editForm(page).getByLabel("Locator");
    await locator.fill("p. ");
    await locator.press("j");
    await locator.press("?");
    await expect(locator).toHaveValue("p. j?");
    await expect(second).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  });

  test("a viewer is not offered A: the text's hint, the empty sidebar and the shortcut list tell them what they can do", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    const empty = workspace.documents.find((d) => d.file.startsWith("002_"))!;
    await signIn(page, workspace.users.VIEWER);
    await page.goto(`/documents/${empty.id}`);
    const text = page.locator(".document-text");
    await expect(text).toBeVisible();
    await expect(text).toHaveAccessibleDescription(/^Select text with the mouse or Shift and the arrow keys to read or copy it\./);
    await expect(text).not.toHaveAccessibleDescription(/press A/);
    await expect(sidebar(page)).toContainText("No annotations yet. As a viewer you can read this document, select and copy its text, and export it");
    await expect(sidebar(page)).not.toContainText("Annotate");
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toContainText("Choose the next annotation");
    await expect(help).not.toContainText("Annotate the selected text");
    await expect(help).not.toContainText("Editing an annotation");
  });

  test("a reviewer's empty sidebar explains how to select text before any Annotate button shows", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    const empty = workspace.documents.find((d) => d.file.startsWith("002_"))!;
    await signIn(page, workspace.users.REVIEWER);
    await page.goto(`/documents/${empty.id}`);
    await expect(page.locator(".document-text")).toHaveAccessibleDescription(/then press A to annotate it\./);
    await expect(sidebar(page)).toContainText("No annotations yet. To add one, select a passage in the text: drag over it with the mouse, or click in the text (or Tab to it) and hold Shift");
    await expect(sidebar(page)).toContainText("An Annotate button then appears beside the selection");
  });
});

test.describe("editing is plain", () => {
  test("the edit form shows the quoted span, not offsets; Use text selection moves it and the list shows the new quote", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    await createAnnotation({ documentId: campaignId(workspace), userId: workspace.users.EDITOR.id, needle: "Serzh Sarkisian" });
    await openCampaign(page, workspace, "REVIEWER");
    await choose(page, "Serzh Sarkisian");
    await expect(spanQuote(page)).toHaveText("“Serzh Sarkisian”");
    await expect(editForm(page).getByRole("spinbutton")).toHaveCount(0);
    await expect(editForm(page)).not.toContainText("code points");
    await expect(editForm(page).getByRole("button", { name: "Use text selection" })).toBeDisabled();

    await selectText(page, "Serzh Sarkisian revealed his role");
    await editForm(page).getByRole("button", { name: "Use text selection" }).click();
    await expect(spanQuote(page)).toHaveText("“Serzh Sarkisian revealed his role”");
    await editForm(page).getByRole("button", { name: "Save changes" }).click();
    await expect(quoteButtons(page)).toHaveText(["Serzh Sarkisian revealed his role"]);
    await expect.poll(async () => (await paintedHighlights(page))["pv-selected"]).toEqual(["Serzh Sarkisian revealed his role"]);

    // The move is an event in the annotation's history, as any change is.
    await sidebar(page).getByRole("button", { name: /^History/ }).click();
    await expect(sidebar(page).getByRole("list", { name: "Events, oldest first" })).toContainText("“Serzh Sarkisian revealed his role”");
  });

  test("either end moves by a word with its buttons or its keys, and the saved span is the one shown", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    await createAnnotation({ documentId: campaignId(workspace), userId: workspace.users.EDITOR.id, needle: "Sarkisian revealed" });
    await openCampaign(page, workspace, "REVIEWER");
    await choose(page, "Sarkisian revealed");
    const form = editForm(page);
    await form.getByRole("button", { name: "End one word later" }).click();
    await expect(spanQuote(page)).toHaveText("“Sarkisian revealed his”");
    await form.getByRole("button", { name: "Start one word earlier" }).click();
    await expect(spanQuote(page)).toHaveText("“Serzh Sarkisian revealed his”");
    await form.getByRole("button", { name: "End one word earlier" }).click();
    await expect(spanQuote(page)).toHaveText("“Serzh Sarkisian revealed”");

    // The keys, from the annotation's entry (G puts focus there).
    await page.keyboard.press("g");
    await expect(quoteButtons(page).first()).toBeFocused();
    await page.keyboard.press("]");
    await expect(spanQuote(page)).toHaveText("“Sarkisian revealed”");
    await page.keyboard.press("}");
    await expect(spanQuote(page)).toHaveText("“Sarkisian revealed his”");
    await page.keyboard.press("[");
    await page.keyboard.press("{");
    await expect(spanQuote(page)).toHaveText("“Serzh Sarkisian revealed”");

    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(quoteButtons(page)).toHaveText(["Serzh Sarkisian revealed"]);
    await page.reload();
    await expect(quoteButtons(page)).toHaveText(["Serzh Sarkisian revealed"]);
  });

  test("a span moved on a stale version meets the conflict panel, and nothing is overwritten", async ({ page, request }) => {
    const workspace = await createWorkspace({ corpus: true });
    const a = await createAnnotation({ documentId: campaignId(workspace), userId: workspace.users.EDITOR.id, needle: "Serzh Sarkisian" });
    await openCampaign(page, workspace, "REVIEWER");
    await choose(page, "Serzh Sarkisian");
    await editForm(page).getByRole("button", { name: "End one word later" }).click();
    await expect(spanQuote(page)).toHaveText("“Serzh Sarkisian revealed”");
    await apiSignIn(request, workspace.users.EDITOR);
    expect((await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 1, note: "Checked by the editor" } })).status()).toBe(200);
    await editForm(page).getByRole("button", { name: "Save changes" }).click();
    const conflict = editForm(page).getByRole("alert").filter({ hasText: "Nothing of yours was saved" });
    await expect(conflict).toBeVisible();
    await expect(quoteButtons(page)).toHaveText(["Serzh Sarkisian"]);
    await conflict.getByRole("button", { name: "Reapply my changes" }).click();
    await expect(quoteButtons(page)).toHaveText(["Serzh Sarkisian revealed"]);
    await expect(item(page, "Serzh Sarkisian revealed")).toBeVisible();
  });

  test("Cancel closes the edit form, not the annotation: its evidence and discussion stay open", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    const a = await createAnnotation({ documentId: campaignId(workspace), userId: workspace.users.EDITOR.id, needle: "Serzh Sarkisian" });
    await createEvidence({ annotationId: a.id, userId: workspace.users.EDITOR.id, passage: "He said so in 2000." });
    await openCampaign(page, workspace, "REVIEWER");
    await choose(page, "Serzh Sarkisian");
    await editForm(page).getByLabel("Note").fill("Half typed");
    await editForm(page).getByRole("button", { name: "End one word later" }).click();
    await editForm(page).getByRole("button", { name: "Cancel" }).click();

    await expect(editForm(page)).toBeHidden();
    await expect(quoteButtons(page).first()).toHaveAttribute("aria-pressed", "true");
    await expect(sidebar(page).getByRole("region", { name: "Evidence" })).toContainText("He said so in 2000.");
    await expect(sidebar(page).getByRole("region", { name: /^Discussion/ })).toBeVisible();
    const edit = sidebar(page).getByRole("button", { name: "Edit annotation" });
    await expect(edit).toBeFocused();

    // Nothing typed was kept: the form opens again on the saved annotation.
    await edit.click();
    await expect(editForm(page).getByLabel("Note")).toHaveValue("");
    await expect(spanQuote(page)).toHaveText("“Serzh Sarkisian”");
  });
});

/** An annotation with long words everywhere the sidebar shows them, chosen by an editor, with its verdict awaiting sign-off. */
async function crowdedAnnotation(page: Page, request: import("@playwright/test").APIRequestContext) {
  const workspace = await createWorkspace({ corpus: true });
  const userId = workspace.users.EDITOR.id;
  const source = await createSource({
    workspaceId: workspace.id,
    userId,
    title: "Memorial Human Rights Centre: Report on massive violations of human rights committed in the seizure of Khojaly, 1992",
  });
  const a = await createAnnotation({ documentId: campaignId(workspace), userId, needle: "Serzh Sarkisian", sourceId: source.id });
  await apiSignIn(request, workspace.users.REVIEWER);
  const evidence = {
    stance: "CONTEXT",
    sourceId: source.id,
    passage: "Before Khojaly, the Azerbaijanis thought that they were joking with us.",
    url: "https://web.archive.org/web/20010101000000/http://www.memo.ru/hr/hotpoints/karabah/Hojaly/Report-on-massive-violations-of-human-rights",
  };
  expect((await request.post(`/api/v1/annotations/${a.id}/evidence`, { data: evidence })).status()).toBe(201);
  expect((await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, status: "VERIFIED" } })).status()).toBe(200);
  expect((await request.post(`/api/v1/annotations/${a.id}/comments`, { data: { html: "<p>See https://web.archive.org/web/20010101000000/http://www.memo.ru/hr/hotpoints/karabah/Hojaly/</p>" } })).ok()).toBe(true);
  await openCampaign(page, workspace, "EDITOR");
  await choose(page, "Serzh Sarkisian");
}

for (const width of [1280, 1024]) {
  test(`at ${width} px every sidebar panel fits the sidebar: no horizontal overflow, stance options wrap`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 900 });
    await crowdedAnnotation(page, request);
    const bar = sidebar(page);
    const evidence = bar.getByRole("region", { name: "Evidence" });
    await expect(evidence).toContainText("joking with us");
    await evidence.getByRole("button", { name: "Add evidence" }).click();
    const evidenceForm = evidence.getByRole("form", { name: "Add evidence" });
    await expect(evidenceForm).toBeVisible();
    await bar.getByRole("button", { name: "Return…" }).click();
    await bar.getByRole("button", { name: "Add hop" }).click();
    await bar.getByRole("button", { name: /^History/ }).click();
    await expect(bar.getByRole("list", { name: "Events, oldest first" })).toBeVisible();

    const panels: [string, Locator][] = [
      ["the evidence form", evidenceForm],
      ["the stance options", evidenceForm.getByRole("group", { name: "Stance" })],
      ["the evidence list", evidence],
      ["the details (edit form)", editForm(page)],
      ["the sign-off", bar.getByRole("region", { name: "Sign-off" })],
      ["the chain editor", bar.getByRole("form", { name: "Attribution chain" })],
      ["the history", bar.locator(".history")],
      ["the discussion", bar.getByRole("region", { name: /^Discussion/ })],
      ["the sidebar", bar],
    ];
    for (const [name, panel] of panels) {
      await expect(panel, name).toBeVisible();
      expect(await overflowOf(panel), `${name} at ${width} px`).toBe(0);
    }
    // The three stances fit the form's width: they wrap onto lines of their own rather than run past it.
    const formBox = (await evidenceForm.boundingBox())!;
    for (const stance of await evidenceForm.getByRole("radio").all()) {
      const label = (await stance.locator("xpath=..").boundingBox())!;
      expect(label.x + label.width).toBeLessThanOrEqual(formBox.x + formBox.width);
    }
  });
}

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the sidebar comes below the text, nothing overflows the page, and the Annotate button stays usable", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    await createAnnotation({ documentId: campaignId(workspace), userId: workspace.users.EDITOR.id, needle: "Serzh Sarkisian" });
    await openCampaign(page, workspace, "REVIEWER");
    const pageOverflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const textBox = (await page.getByRole("region", { name: "Document text" }).boundingBox())!;
    const barBox = (await sidebar(page).boundingBox())!;
    expect(barBox.y).toBeGreaterThanOrEqual(textBox.y + textBox.height);
    expect(await pageOverflow()).toBe(0);

    // A selection at the end of a line, near the right edge: the button stays inside the page.
    await selectText(page, "revealed his role");
    const annotate = page.getByRole("button", { name: "Annotate" });
    await expect(annotate).toBeInViewport({ ratio: 1 });
    expect(await pageOverflow()).toBe(0);
    await annotate.click();
    const dialog = page.getByRole("dialog", { name: "New annotation" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Save annotation" }).click();
    await expect(dialog).toBeHidden();
    await expect(quoteButtons(page)).toHaveText(["Serzh Sarkisian", "revealed his role"]);

    // The chosen annotation's panels open below the text, and still nothing is wider than the page.
    await expect(editForm(page)).toBeVisible();
    expect(await pageOverflow()).toBe(0);
    await expectAccessible(page, "reading view at 390 px (annotation chosen)");
  });
});
