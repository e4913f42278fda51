import { expect, test } from "@playwright/test";
import { CAMPAIGN, createAnnotation, createEvidence } from "./fixtures/annotator";
import { apiSignIn, createBriefs, createWorkspace, signIn } from "./fixtures/factories";

test("the dashboard shows a document's bar with counts in text, the chart as a table, and a count opens the queue filtered", async ({ page, playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const documentId = workspace.documents[0].id;
  await createAnnotation({ documentId, userId: workspace.users.EDITOR.id, needle: "Seyran Oghanyan" });
  await createAnnotation({ documentId, userId: workspace.users.EDITOR.id, needle: "ASALA" });
  const checked = await createAnnotation({ documentId, userId: workspace.users.EDITOR.id, needle: "Serzh Sarkisian" });
  await createEvidence({ annotationId: checked.id, userId: workspace.users.EDITOR.id, passage: "Sarkisian said so" });
  const api = await playwright.request.newContext({ baseURL });
  await apiSignIn(api, workspace.users.REVIEWER);
  expect((await api.patch(`/api/v1/annotations/${checked.id}`, { data: { version: 1, status: "VERIFIED" } })).ok()).toBe(true);

  await signIn(page, workspace.users.VIEWER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  const documents = page.getByRole("table", { name: /Annotations per document/ });
  const row = documents.locator("tbody tr").filter({ has: page.getByRole("link", { name: CAMPAIGN, exact: true }) });
  const segments = row.locator(".progress-bar span");
  await expect(segments).toHaveText(["○ 2", "✓ 1"]);
  await expect(segments.first()).toHaveAttribute("title", "Unverified: 2 of 3 (67%)");
  await expect(row.getByRole("link", { name: `1 Verified — ${CAMPAIGN}` })).toBeVisible();
  await expect(row).toContainText("0 of 1 verdict (0%) · 1 awaiting");
  await expect(page.getByRole("list", { name: "Legend" }).first()).toContainText("✓ Verified");

  await expect(page.getByRole("img", { name: "Verdicts given per week" })).toBeVisible();
  await page.getByRole("button", { name: "Show as table" }).click();
  await expect(page.getByRole("button", { name: "Show as table" })).toHaveAttribute("aria-pressed", "true");
  const weeks = page.getByRole("table", { name: "Verdicts given per week, last 8 weeks" });
  await expect(weeks.locator("tbody tr")).toHaveCount(8);
  await expect(weeks.locator("tbody tr").last().locator("td").first()).toHaveText("1"); // Verified, this week
  await expect(page.getByRole("img", { name: "Verdicts given per week" })).toHaveCount(0);

  await row.getByRole("link", { name: `2 Unverified — ${CAMPAIGN}` }).click();
  await expect(page).toHaveURL(/\/queue\?.*status=UNVERIFIED/);
  await expect(page.getByRole("link", { name: /^All annotations/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Document", { exact: true })).toHaveValue(documentId);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("UNVERIFIED");
  await expect(page.locator(".queue-table tbody th a")).toHaveText(["Seyran Oghanyan", "ASALA"]);
});

test("a workspace with many documents shows them fifty at a time, with the totals of all of them", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  // The five corpus documents sort after these 51 ("Brief …" before "Interview …", "Justice …"): 56 in all, two pages.
  await createBriefs(workspace, 51);
  const last = workspace.documents.find((d) => d.title === CAMPAIGN)!;
  await createAnnotation({ documentId: last.id, userId: workspace.users.EDITOR.id, needle: "ASALA" });

  await signIn(page, workspace.users.VIEWER);
  await page.goto(`/dashboard?workspace=${workspace.id}`);
  const documents = page.getByRole("table", { name: /Annotations per document/ });
  const pages = page.getByRole("navigation", { name: "Pages of documents" });
  await expect(documents.locator("tbody tr")).toHaveCount(50);
  await expect(documents.locator("tbody tr").first()).toContainText("Brief 01");
  await expect(pages).toContainText("Documents 1–50 of 56");
  // The foot counts every document, the ones on later pages too.
  await expect(documents.getByRole("link", { name: /1 Unverified — all documents/ })).toBeVisible();

  await pages.getByRole("link", { name: "Next 6 →" }).click();
  await expect(pages).toContainText("Documents 51–56 of 56");
  await expect(documents.locator("tbody tr")).toHaveCount(6);
  await expect(documents.locator("tbody tr").filter({ has: page.getByRole("link", { name: CAMPAIGN, exact: true }) }).getByRole("link", { name: `1 Unverified — ${CAMPAIGN}` })).toBeVisible();
  await expect(pages.getByRole("link", { name: /Next/ })).toHaveCount(0);
  await pages.getByRole("link", { name: "← Previous 50" }).click();
  await expect(pages).toContainText("Documents 1–50 of 56");
});
