import { expect, test, type Page } from "@playwright/test";
import { createAnnotation, createEvidence } from "./fixtures/annotator";
import { apiSignIn, createBriefs, createWorkspace, prisma, signIn } from "./fixtures/factories";

const rows = (page: Page) => page.getByRole("table", { name: "Documents you can open" }).locator("tbody tr");
const titles = (page: Page) => rows(page).locator("th");

test("the documents list filters by title, sorts by title, annotations, share verified and last change, and pages through 55 briefs with links that keep the state", async ({ page, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  await createBriefs(workspace, 55);
  const briefs = await prisma().document.findMany({ where: { workspaceId: workspace.id, title: { startsWith: "Brief" } }, select: { id: true, title: true } });
  const brief = (n: string) => briefs.find((b) => b.title === `Brief ${n}`)!.id;
  const userId = workspace.users.EDITOR.id;
  await createAnnotation({ documentId: brief("07"), userId, needle: "Memorial" });
  await createAnnotation({ documentId: brief("07"), userId, needle: "613" });
  const verified = await createAnnotation({ documentId: brief("03"), userId, needle: "Memorial" });
  await createEvidence({ annotationId: verified.id, userId, passage: "613 killed" });
  const api = await playwright.request.newContext({ baseURL });
  await apiSignIn(api, workspace.users.REVIEWER);
  expect((await api.patch(`/api/v1/annotations/${verified.id}`, { data: { version: 1, status: "VERIFIED" } })).ok()).toBe(true);

  await signIn(page, workspace.users.VIEWER);
  // By last change (the default): the brief whose annotation changed last comes first.
  await expect(titles(page).first()).toHaveText("Brief 03");
  await expect(rows(page)).toHaveCount(50);

  const controls = page.getByRole("search", { name: "Documents" });
  await controls.getByLabel("Filter by title").fill("brief");
  await controls.getByLabel("Sort by").selectOption({ label: "Title" });
  await controls.getByLabel("Order").selectOption("asc");
  await controls.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/documents\?q=brief&sort=title&dir=asc$/);
  await expect(rows(page)).toHaveCount(50);
  await expect(titles(page).first()).toHaveText("Brief 01");
  const pages = page.getByRole("navigation", { name: "Pages of documents" });
  await expect(pages).toContainText("50 of 55 documents");
  await expect(pages.getByRole("link", { name: /Previous/ })).toHaveCount(0);

  // Keyset pages: the next page starts after the last title shown, and back again.
  await pages.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(titles(page)).toHaveText(["Brief 51", "Brief 52", "Brief 53", "Brief 54", "Brief 55"]);
  await expect(pages.getByRole("link", { name: /Next/ })).toHaveCount(0);
  await pages.getByRole("link", { name: "← Previous page" }).click();
  await expect(titles(page).first()).toHaveText("Brief 01");
  await expect(titles(page).last()).toHaveText("Brief 50");

  // Most annotations first: Brief 07 (2), then Brief 03 (1), then the rest by title.
  await controls.getByLabel("Sort by").selectOption({ label: "Annotations" });
  await controls.getByLabel("Order").selectOption("desc");
  await controls.getByRole("button", { name: "Apply" }).click();
  await expect(titles(page).nth(0)).toHaveText("Brief 07");
  await expect(titles(page).nth(1)).toHaveText("Brief 03");
  await expect(titles(page).nth(2)).toHaveText("Brief 01");
  await expect(pages).toContainText("50 of 55 documents");
  // Keyset pages for this sort too: after the last document shown, and back.
  await pages.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/sort=annotations&dir=desc&after=/);
  await expect(pages).toContainText("5 of 55 documents");
  await expect(rows(page)).toHaveCount(5);
  await expect(titles(page).last()).toHaveText("Brief 55");
  await pages.getByRole("link", { name: "← Previous page" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(titles(page).nth(0)).toHaveText("Brief 07");
  await expect(rows(page)).toHaveCount(50);

  // Share verified: 100% before 0%, and documents without annotations last.
  await controls.getByLabel("Sort by").selectOption({ label: "Share verified" });
  await controls.getByRole("button", { name: "Apply" }).click();
  await expect(titles(page).nth(0)).toHaveText("Brief 03");
  await expect(rows(page).nth(0).locator("td").nth(2)).toHaveText("1 of 1 (100%)");
  await expect(titles(page).nth(1)).toHaveText("Brief 07");
  await expect(rows(page).nth(1).locator("td").nth(2)).toHaveText("0 of 2 (0%)");
  await expect(rows(page).nth(2).locator("td").nth(2)).toHaveText("—");

  // The URL is the state: opened afresh, it shows the same list with the controls set.
  const url = page.url();
  await page.goto(url);
  await expect(controls.getByLabel("Filter by title")).toHaveValue("brief");
  await expect(controls.getByLabel("Sort by")).toHaveValue("verified");
  await expect(controls.getByLabel("Order")).toHaveValue("desc");
  await expect(titles(page).first()).toHaveText("Brief 03");

  // A filter that matches nothing says so.
  await controls.getByLabel("Filter by title").fill("no such title");
  await controls.getByLabel("Filter by title").press("Enter");
  await expect(page.getByRole("status")).toHaveText("No document title contains “no such title”.");
});
