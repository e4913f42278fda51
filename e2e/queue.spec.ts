import { expect, test, type Page } from "@playwright/test";
import { createAnnotation, createEvidence } from "./fixtures/annotator";
import { apiSignIn, createWorkspace, signIn } from "./fixtures/factories";

/** The quotes of the queue's rows, top to bottom. */
const quotes = (page: Page) => page.locator(".queue-table tbody th a");
const bulk = (page: Page) => page.getByRole("form", { name: "Bulk actions" });

async function applyBulk(page: Page, action: string, field: string, value: string, rows: number) {
  await bulk(page).getByLabel("Action").selectOption({ label: action });
  await bulk(page).getByLabel(field).selectOption({ label: value });
  await bulk(page).getByRole("button", { name: `Apply to ${rows} selected` }).click();
}

test("an editor bulk-assigns two annotations; the reviewer gets them oldest first, and bulk Verified is refused per row without evidence", async ({ page, browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const documentId = workspace.documents[0].id;
  // Created in this order: the queue must not sort them by their text.
  await createAnnotation({ documentId, userId: workspace.users.EDITOR.id, needle: "Seyran Oghanyan" });
  const checked = await createAnnotation({ documentId, userId: workspace.users.EDITOR.id, needle: "ASALA" });
  await createEvidence({ annotationId: checked.id, userId: workspace.users.EDITOR.id, passage: "ASALA members took part" });

  await signIn(page, workspace.users.EDITOR);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }).click();
  await page.getByRole("link", { name: "Unassigned and unverified (2)" }).click();
  await expect(page.getByRole("link", { name: "Unassigned and unverified (2)" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("checkbox", { name: "Seyran Oghanyan" }).check();
  await page.getByRole("checkbox", { name: "ASALA" }).check();
  await applyBulk(page, "Assign", "Assign to", "reviewer", 2);
  await expect(page.locator(".bulk-status")).toHaveText("2 updated.");
  // Assigned now, so no longer in this tab.
  await expect(page.getByRole("link", { name: "Unassigned and unverified (0)" })).toBeVisible();
  await expect(quotes(page)).toHaveCount(0);

  // The editor waits for verdicts to sign off, on a page left open.
  await page.getByRole("link", { name: /^Waiting for my sign-off/ }).click();
  await expect(page.getByRole("link", { name: "Waiting for my sign-off (0)" })).toHaveAttribute("aria-current", "page");
  await expect(page.locator('.queue-live [data-status="live"]')).toBeVisible();

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, workspace.users.REVIEWER);
  await reviewer.goto("/queue");
  await expect(reviewer.getByRole("link", { name: "Assigned to me (2)" })).toHaveAttribute("aria-current", "page");
  await expect(quotes(reviewer)).toHaveText(["Seyran Oghanyan", "ASALA"]);
  await expect(reviewer.locator(".queue-table tbody tr").first()).toContainText("Justice for Khojaly (campaign page)");
  await expect(reviewer.locator(".queue-table tbody tr").first()).toContainText("reviewer");

  await reviewer.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(reviewer.getByRole("checkbox", { name: "Seyran Oghanyan" })).toBeChecked();
  await applyBulk(reviewer, "Set status", "New status", "Verified", 2);
  const summary = reviewer.locator(".bulk-status");
  await expect(summary).toContainText("1 updated, 1 refused:");
  await expect(summary).toContainText("Seyran Oghanyan — refused: Add at least one evidence item before setting Verified");
  // The verdict awaits sign-off and leaves "Assigned to me"; the refused row stays, still selected, with its reason.
  await expect(quotes(reviewer)).toHaveText(["Seyran Oghanyan"]);
  await expect(reviewer.getByRole("checkbox", { name: "Seyran Oghanyan" })).toBeChecked();
  await expect(reviewer.locator(".queue-table tbody tr").first()).toContainText("Add at least one evidence item before setting Verified");

  // The editor's open queue shows the new verdict within 2 s, without a reload.
  await expect(quotes(page)).toHaveText(["ASALA"], { timeout: 2000 });
  await expect(page.locator(".queue-table tbody tr").first()).toContainText("Awaiting sign-off · verdict by reviewer");
});

test("POST /api/v1/annotations/bulk: per-row results with 200; 400, 413 and 422 for malformed requests; 403 for a viewer", async ({ playwright, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const documentId = workspace.documents[0].id;
  const plain = await createAnnotation({ documentId, userId: workspace.users.EDITOR.id, needle: "Seyran Oghanyan" });
  const other = await createWorkspace({ corpus: true });
  const foreign = await createAnnotation({ documentId: other.documents[0].id, userId: other.users.EDITOR.id, needle: "ASALA" });
  const api = await playwright.request.newContext({ baseURL });
  await apiSignIn(api, workspace.users.REVIEWER);
  const post = (data: unknown) => api.post("/api/v1/annotations/bulk", { data });

  const ok = await post({ action: "status", status: "VERIFIED", items: [{ id: plain.id, version: 1 }, { id: foreign.id, version: 1 }] });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({
    results: [
      { id: plain.id, ok: false, error: { code: "VALIDATION", message: "Add at least one evidence item before setting Verified", fields: { status: "Add at least one evidence item before setting Verified" } } },
      { id: foreign.id, ok: false, error: { code: "NOT_FOUND", message: "Annotation not found" } },
    ],
  });
  const items = Array.from({ length: 201 }, (_, i) => ({ id: `a${i}`, version: 1 }));
  expect((await post({ action: "checklist", onChecklist: true, items })).status()).toBe(413);
  expect((await post({ action: "checklist", onChecklist: true, items: [{ id: plain.id, version: 1 }], note: "x" })).status()).toBe(400);
  expect((await post({ action: "archive", items: [{ id: plain.id, version: 1 }] })).status()).toBe(422);

  const viewer = await playwright.request.newContext({ baseURL });
  await apiSignIn(viewer, workspace.users.VIEWER);
  expect((await viewer.post("/api/v1/annotations/bulk", { data: { action: "checklist", onChecklist: true, items: [{ id: plain.id, version: 1 }] } })).status()).toBe(403);
});
