import { expect, test, type Page } from "@playwright/test";
import { createAnnotation, createManyAnnotations, createSource, selectText } from "./fixtures/annotator";
import { createWorkspace, prisma, signIn, type TWorkspace } from "./fixtures/factories";

const CAMPAIGN = "Justice for Khojaly (campaign page)";
const INTERVIEW = "Interview on the 33rd anniversary of Khojaly";
/** "black garden" with a Cyrillic е (U+0435), as OCR or a Russian keyboard would type it. */
const CYRILLIC_QUERY = "black gard\u0435n";

function documentId(workspace: TWorkspace, title: string): string {
  return workspace.documents.find((d) => d.title === title)!.id;
}

async function annotateWithSource(page: Page, options: { documentId: string; needle: string; query: string; locator: string }) {
  await page.goto(`/documents/${options.documentId}`);
  await selectText(page, options.needle);
  await page.getByRole("button", { name: "Annotate" }).click();
  const dialog = page.getByRole("dialog", { name: "New annotation" });
  await dialog.getByRole("combobox", { name: "Claimed source" }).fill(options.query);
  await dialog.getByRole("option", { name: /· Black Garden/ }).click();
  await dialog.getByLabel("Locator").fill(options.locator);
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog).toBeHidden();
}

test("Black Garden: created in the registry, cited in two documents, found with a Cyrillic е, listed on its page by document", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  await signIn(page, workspace.users.EDITOR);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  await page.getByRole("link", { name: "New source" }).click();
  await page.getByLabel("Kind").selectOption("BOOK");
  await page.getByLabel("Title", { exact: true }).fill("Black Garden");
  await page.getByLabel("Authors").fill("de Waal, Thomas");
  await page.getByLabel("Publisher", { exact: true }).fill("NYU Press");
  await page.getByLabel("Date issued").fill("2003");
  await page.getByLabel("Aliases").fill("Black Garden: Armenia and Azerbaijan through Peace and War");
  await page.getByRole("button", { name: "Create source" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Black Garden" })).toBeVisible();
  await expect(page.getByText("de Waal, T. (2003). Black Garden. NYU Press.")).toBeVisible();
  await expect(page.getByText("Waal, Thomas de. 2003. Black Garden. NYU Press.")).toBeVisible(); // Chicago author-date
  const sourceUrl = page.url();

  // The combobox finds it through a Cyrillic look-alike letter, and through the title.
  await annotateWithSource(page, { documentId: documentId(workspace, CAMPAIGN), needle: "Thomas de Waal, “Black Garden", query: CYRILLIC_QUERY, locator: "pp. 169-172" });
  await annotateWithSource(page, { documentId: documentId(workspace, INTERVIEW), needle: "Thomas de Waal’s book Black Garden", query: "Black Garden", locator: "interview with Shahmarov" });

  await page.goto(sourceUrl);
  const cited = page.getByRole("region", { name: "Cited in" });
  await expect(cited).toContainText("2 annotations in 2 documents");
  const campaign = cited.getByRole("region", { name: CAMPAIGN });
  await expect(campaign.getByRole("link", { name: CAMPAIGN })).toHaveAttribute("href", `/documents/${documentId(workspace, CAMPAIGN)}`);
  await expect(campaign).toContainText("Thomas de Waal, “Black Garden");
  await expect(campaign).toContainText("Locator: pp. 169-172");
  const interview = cited.getByRole("region", { name: INTERVIEW });
  await expect(interview).toContainText("Thomas de Waal’s book Black Garden");
  await expect(interview).toContainText("Locator: interview with Shahmarov");
  await expect(cited).toContainText("2 Unverified");

  // The registry lists it with its count, and its search folds the Cyrillic letter too.
  await page.goto(`/sources?workspace=${workspace.id}&q=${encodeURIComponent(CYRILLIC_QUERY)}`);
  const row = page.getByRole("row", { name: /Black Garden/ });
  await expect(row).toContainText("de Waal, Thomas");
  await expect(row.getByRole("cell").nth(3)).toHaveText("2");
});

test("merging “Le Mond” into “Le Monde” moves its annotation; the owner's Undo restores both", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const owner = workspace.users.OWNER;
  const leMonde = await createSource({ workspaceId: workspace.id, userId: owner.id, title: "Le Monde" });
  const leMond = await createSource({ workspaceId: workspace.id, userId: owner.id, title: "Le Mond" });
  await createAnnotation({ documentId: documentId(workspace, CAMPAIGN), userId: owner.id, needle: "Le Mond\u00a0reported", sourceId: leMond.id, locator: "n.d." });
  await signIn(page, owner);

  await page.goto(`/sources/${leMond.id}`);
  await expect(page.getByRole("region", { name: "Cited in" })).toContainText("Le Mond\u00a0reported");
  await page.getByRole("button", { name: "Merge into…" }).click();
  await page.getByLabel("Source to keep").selectOption({ label: "Le Monde" });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("1 annotation citing “Le Mond” will move to “Le Monde”");
  await page.getByRole("button", { name: "Confirm merge" }).click();

  await expect(page).toHaveURL(new RegExp(`/sources/${leMonde.id}$`));
  await expect(page.getByText("Merged “Le Mond” into this source")).toBeVisible();
  await expect(page.getByRole("region", { name: "Cited in" })).toContainText("Le Mond\u00a0reported");
  await expect(page.locator(".source-fields")).toContainText("Le Mond");
  // The merged source's page now leads to the kept one, and the registry lists only the kept one.
  await page.goto(`/sources/${leMond.id}`);
  await expect(page).toHaveURL(new RegExp(`/sources/${leMonde.id}$`));
  await page.goto(`/sources?workspace=${workspace.id}`);
  await expect(page.getByRole("link", { name: "Le Mond", exact: true })).toHaveCount(0);

  await page.goto(`/sources/${leMonde.id}`);
  await page.getByRole("button", { name: /Undo/ }).click();
  await expect(page.getByText("Merged “Le Mond” into this source")).toBeHidden();
  await expect(page.getByRole("region", { name: "Cited in" })).toContainText("No annotation claims this source yet.");
  await page.goto(`/sources/${leMond.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Le Mond" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Cited in" })).toContainText("Le Mond\u00a0reported");
});

test("merging a source cited 600 times runs in the background with its progress shown, then opens the kept source", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const owner = workspace.users.OWNER;
  const kept = await createSource({ workspaceId: workspace.id, userId: owner.id, title: "Memorial (report)" });
  const duplicate = await createSource({ workspaceId: workspace.id, userId: owner.id, title: "Memorial HRC report" });
  const doc = await prisma().document.findFirstOrThrow({ where: { workspaceId: workspace.id }, orderBy: { length: "desc" }, select: { id: true } });
  await createManyAnnotations({ documentId: doc.id, userId: owner.id, count: 600 });
  await prisma().annotation.updateMany({ where: { documentId: doc.id, sourceId: null }, data: { sourceId: duplicate.id } });
  const citing = await prisma().annotation.count({ where: { sourceId: duplicate.id } });
  expect(citing).toBeGreaterThan(500);
  await signIn(page, owner);

  await page.goto(`/sources/${duplicate.id}`);
  await page.getByRole("button", { name: "Merge into…" }).click();
  await page.getByLabel("Source to keep").selectOption({ label: "Memorial (report)" });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Confirm merge" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Merging in the background: [\d,]+ citations? of [\d,]+ moved\.$/ })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Citations moved" })).toBeVisible();

  await expect(page).toHaveURL(new RegExp(`/sources/${kept.id}$`), { timeout: 30_000 });
  await expect(page.getByText("Merged “Memorial HRC report” into this source")).toBeVisible();
  expect(await prisma().annotation.count({ where: { sourceId: kept.id } })).toBe(citing);
  const merge = await prisma().sourceMerge.findFirstOrThrow({ where: { keptId: kept.id }, select: { state: true, done: true, total: true } });
  expect(merge).toEqual({ state: "DONE", done: citing, total: citing });
  expect(await prisma().annotationEvent.count({ where: { workspaceId: workspace.id, type: "SOURCE_MERGED" } })).toBe(citing);
});
