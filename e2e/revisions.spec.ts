import { expect, test, type Locator } from "@playwright/test";
import { readCorpusText } from "../prisma/demo";
import { createAnnotation, item, sidebar } from "./fixtures/annotator";
import { expectAccessible } from "./fixtures/axe";
import { createWorkspace, prisma, signIn } from "./fixtures/factories";

const COMPILATION = "Khojaly Genocide (Presidential Library compilation)";

/**
 * Puts a whole edited text in the editor, as a paste over a selection of everything would, in one
 * input event (typing 195 KB key by key would take minutes).
 */
async function setText(editor: Locator, value: string) {
  await editor.evaluate((element, text) => {
    const textarea = element as HTMLTextAreaElement;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(textarea, text);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
  await expect(editor).toHaveValue(value);
}
const OCR = "the existence of the genocidal intent саn bе inferred";
const FIXED = "the existence of the genocidal intent can be inferred";

test("an editor fixes “саn bе” inside a verified, signed-off annotation: it needs a re-check and awaits sign-off again, the diff shows the change, and a reader's open page switches to the new revision without a reload", async ({ page, browser }) => {
  // Two browsers over a 195 KB text, a live switch and two axe passes: longer than the default on a busy run.
  test.setTimeout(150_000);
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents.find((d) => d.title === COMPILATION)!;
  const text = readCorpusText(doc.file);
  const a = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: OCR });
  await prisma().annotation.update({
    where: { id: a.id },
    data: { status: "VERIFIED", verdictById: workspace.users.REVIEWER.id, verdictAt: new Date(), signOff: "CONFIRMED", signedOffById: workspace.users.OWNER.id, signedOffAt: new Date() },
  });

  // A reader has the document open.
  const reader = await (await browser.newContext()).newPage();
  await signIn(reader, workspace.users.REVIEWER);
  await reader.goto(`/documents/${doc.id}`);
  await expect(item(reader, "genocidal intent")).toContainText("Signed off");

  // The editor fixes the OCR error in Edit text.
  await signIn(page, workspace.users.EDITOR);
  await page.goto(`/documents/${doc.id}`);
  await page.getByRole("link", { name: "Edit text" }).click();
  const editor = page.getByLabel("Text (revision 1)");
  await expect(editor).toHaveValue(text);
  await setText(editor, text.replace(OCR, FIXED));
  await page.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(page.getByLabel("Why it changes")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Say briefly why the text changed")).toBeVisible();
  await page.getByLabel("Why it changes").fill("OCR: Cyrillic look-alike letters");
  await page.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(page.getByRole("status")).toContainText("Saved revision 2");
  await expect(page.getByRole("status")).toContainText("1 changed and need a re-check");

  // The reader's page is on revision 2 now, without a reload: the fixed words, flagged, awaiting sign-off.
  await expect(reader.locator(".document-text")).toContainText(FIXED);
  const entry = item(reader, "can be inferred");
  await expect(entry).toContainText("Needs re-check");
  await expect(entry).toContainText("Awaiting sign-off");
  await entry.locator(":scope > .item-button").click();
  const recheck = sidebar(reader).getByRole("region", { name: "Needs re-check" });
  await expect(recheck).toContainText("Revision 2 of the text changed the words this annotation quotes");
  await expectAccessible(reader, "reading view with an annotation that needs a re-check");
  await expect(sidebar(reader).getByRole("region", { name: "Sign-off" })).toContainText("the text changed in revision 2");

  // The diff shows the change, word by word.
  await page.getByRole("link", { name: "See the changes" }).click();
  const diff = page.getByRole("region", { name: "Changes from revision 1 to revision 2" });
  await expect(diff.locator("del")).toHaveText(["саn", "bе"]);
  await expect(diff.locator("ins")).toHaveText(["can", "be"]);
  await expectAccessible(page, "revisions with a diff");
  await page.getByRole("link", { name: "Revision 1", exact: true }).click();
  await expect(page.getByRole("region", { name: "Text of revision 1" })).toContainText(OCR);

  // The reviewer has read it again: the flag goes, with an event in its history.
  await recheck.getByRole("button", { name: "Checked again" }).click();
  await expect(entry).not.toContainText("Needs re-check");
  await sidebar(reader).getByRole("button", { name: /^History/ }).click();
  await expect(sidebar(reader).locator(".history-head strong")).toContainText(["Quoted words changed in a new revision of the text", "Checked again after the text changed"]);
});

test("two editors save on the same revision: one revision, one refusal, and the second edit re-applied on top of the first", async ({ page, browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents.find((d) => d.title === COMPILATION)!;
  const text = readCorpusText(doc.file);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, workspace.users.OWNER);
  await other.goto(`/documents/${doc.id}/edit`);
  await signIn(page, workspace.users.EDITOR);
  await page.goto(`/documents/${doc.id}/edit`);

  await setText(other.getByLabel("Text (revision 1)"), text.replace(OCR, FIXED));
  await other.getByLabel("Why it changes").fill("OCR fix");
  await other.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(other.getByRole("status")).toContainText("Saved revision 2");

  const mine = text.replace("KHOJALY GENOCIDE AS", "KHOJALY GENOCIDE, AS");
  await setText(page.getByLabel("Text (revision 1)"), mine);
  await page.getByLabel("Why it changes").fill("Heading comma");
  await page.getByRole("button", { name: "Save as revision 2" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "revision 2 is the latest" })).toBeVisible();
  expect(await prisma().documentRevision.count({ where: { documentId: doc.id } })).toBe(2);

  await page.getByRole("button", { name: "Re-apply my edit to revision 2" }).click();
  await expect(page.getByRole("status")).toContainText("Your edit is re-applied to revision 2");
  await expect(page.getByLabel("Text (revision 2)")).toHaveValue(mine.replace(OCR, FIXED));
  await page.getByRole("button", { name: "Save as revision 3" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved revision 3" })).toBeVisible();
  expect((await prisma().document.findUniqueOrThrow({ where: { id: doc.id } })).text).toBe(mine.replace(OCR, FIXED));
});
