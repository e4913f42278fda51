import { expect, test, type Page } from "@playwright/test";
import { createSource, item, openCampaign, selectText } from "./fixtures/annotator";
import { createWorkspace, prisma, type TWorkspace } from "./fixtures/factories";

const HEADLINE = "Armenian Soldiers Massacre Hundreds of Fleeing Families";
const SUNDAY_TIMES_LABEL = `The Sunday Times · 1 March 1992 · ${HEADLINE}`;

async function annotate(page: Page, needle: string) {
  await selectText(page, needle);
  await page.getByRole("button", { name: "Annotate" }).click();
  const dialog = page.getByRole("dialog", { name: "New annotation" });
  return { dialog, combobox: dialog.getByRole("combobox", { name: "Claimed source" }) };
}

/** A workspace whose registry has the Sunday Times article, its campaign page open and the Sunday Times passage being annotated. */
async function annotateWithSundayTimes(page: Page) {
  const workspace = await createWorkspace({ corpus: true });
  await createSource({ workspaceId: workspace.id, userId: workspace.users.EDITOR.id, kind: "NEWS_ARTICLE", title: HEADLINE, containerTitle: "The Sunday Times", issued: "1992-03-01" });
  await openCampaign(page, workspace, "REVIEWER");
  return { workspace, ...(await annotate(page, "reported the atrocity")) };
}

async function claimedSourceOf(workspace: TWorkspace, exact: string) {
  const a = await prisma().annotation.findFirst({ where: { exact, document: { workspaceId: workspace.id } }, select: { source: { select: { title: true, kind: true, containerTitle: true, publisher: true } } } });
  return a?.source ?? null;
}

test("typing “Sunday” and pressing Enter chooses the Sunday Times article, and the sidebar names its outlet", async ({ page }) => {
  const { workspace, dialog, combobox } = await annotateWithSundayTimes(page);
  await combobox.fill("Sunday");
  await expect(dialog.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("option").first()).toContainText(SUNDAY_TIMES_LABEL);
  await combobox.press("Enter");
  await expect(combobox).toHaveValue(SUNDAY_TIMES_LABEL);
  await expect(dialog.getByText(`Chosen: ${SUNDAY_TIMES_LABEL}`)).toBeVisible();
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog).toBeHidden();
  await expect(item(page, "reported the atrocity")).toContainText(SUNDAY_TIMES_LABEL);
  expect(await claimedSourceOf(workspace, "reported the atrocity")).toMatchObject({ title: HEADLINE });
});

test("Tab takes the highlighted match and moves on; Escape closes the list, then clears the text", async ({ page }) => {
  const { dialog, combobox } = await annotateWithSundayTimes(page);
  await combobox.fill("sunday times");
  await combobox.press("Tab");
  await expect(combobox).toHaveValue(SUNDAY_TIMES_LABEL);
  await expect(combobox).not.toBeFocused();

  await combobox.fill("Sund");
  await expect(dialog.getByRole("listbox")).toBeVisible();
  await combobox.press("Escape");
  await expect(dialog.getByRole("listbox")).toBeHidden();
  await expect(combobox).toHaveValue("Sund");
  await expect(dialog).toBeVisible();
  await combobox.press("Escape");
  await expect(combobox).toHaveValue("");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("No source chosen.")).toBeVisible();
});

test("saving with a typed source not chosen asks which one was meant and saves nothing unsourced", async ({ page }) => {
  const { workspace, dialog, combobox } = await annotateWithSundayTimes(page);
  await combobox.fill("Sunday Times");
  await combobox.press("Escape");
  const question = dialog.getByRole("group", { name: "Which source do you mean by “Sunday Times”?" });
  await expect(question).toBeVisible();
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog.getByText("Choose the source you meant by “Sunday Times”, or “No source yet”.")).toBeVisible();
  await expect(dialog).toBeVisible();
  expect(await prisma().annotation.count({ where: { document: { workspaceId: workspace.id } } })).toBe(0);

  await question.getByRole("button", { name: SUNDAY_TIMES_LABEL }).click();
  await expect(combobox).toHaveValue(SUNDAY_TIMES_LABEL);
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog).toBeHidden();
  expect(await claimedSourceOf(workspace, "reported the atrocity")).toMatchObject({ title: HEADLINE });
});

test("a new source typed as an outlet is an article with its outlet and publisher; a resolution is a legal act; other words ask for a kind", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  await openCampaign(page, workspace, "REVIEWER");
  let { dialog, combobox } = await annotate(page, "Many were killed at close range");
  await combobox.fill("Newsweek");
  await dialog.getByRole("option", { name: "Create source “Newsweek”" }).click();
  const newSource = dialog.getByRole("group", { name: "New source" });
  await expect(newSource.getByLabel("Kind")).toHaveValue("NEWS_ARTICLE");
  await expect(newSource.getByText("Guessed from “Newsweek”")).toBeVisible();
  await expect(newSource.getByLabel("Outlet")).toHaveValue("Newsweek");
  await newSource.getByLabel("Headline").fill("Massacre in the Caucasus");
  await newSource.getByLabel("Publisher").fill("Newsweek Inc.");
  await newSource.getByLabel("Date").fill("1992-03-16");
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog).toBeHidden();
  await expect(item(page, "Many were killed at close range")).toContainText("Newsweek · 16 March 1992 · Massacre in the Caucasus");
  expect(await claimedSourceOf(workspace, "Many were killed at close range")).toEqual({ title: "Massacre in the Caucasus", kind: "NEWS_ARTICLE", containerTitle: "Newsweek", publisher: "Newsweek Inc." });

  ({ dialog, combobox } = await annotate(page, "Khojaly Memorial was erected"));
  await combobox.fill("UN Security Council resolution 822");
  await combobox.press("Enter");
  await expect(dialog.getByRole("group", { name: "New source" }).getByLabel("Kind")).toHaveValue("LEGAL_DOCUMENT");
  await expect(dialog.getByLabel("Issuing body")).toBeVisible();
  await dialog.getByRole("group", { name: "New source" }).getByLabel("Kind").selectOption("BOOK");
  await expect(dialog.getByLabel("Issuing body")).toBeHidden();
  await expect(dialog.getByLabel("Authors")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  ({ dialog, combobox } = await annotate(page, "also described beheadings"));
  await combobox.fill("A pamphlet");
  await dialog.getByRole("option", { name: "Create source “A pamphlet”" }).click();
  await expect(dialog.getByLabel("Kind")).toHaveValue("");
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog.getByText("Choose a kind of source").first()).toBeVisible();
  await expect(dialog).toBeVisible();
});
