import { expect, test, type Page } from "@playwright/test";
import { createAnnotation, createSource } from "./fixtures/annotator";
import { createWorkspace, signIn } from "./fixtures/factories";

test("each segment of the sources list's status bars is visible: a width and a colour", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const userId = workspace.users.EDITOR.id;
  const source = await createSource({ workspaceId: workspace.id, userId, title: "Memorial report on Khojaly" });
  const documentId = workspace.documents[0].id;
  await createAnnotation({ documentId, userId, needle: "ASALA", sourceId: source.id });
  await createAnnotation({ documentId, userId, needle: "Seyran Oghanyan", sourceId: source.id, status: "IN_PROGRESS" });
  await signIn(page, workspace.users.VIEWER);
  await page.goto("/sources");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Memorial report on Khojaly" }) });
  const segments = row.locator(".status-bar span");
  await expect(segments).toHaveCount(2);
  for (const segment of await segments.all()) {
    const look = await segment.evaluate((el) => ({ width: el.getBoundingClientRect().width, background: getComputedStyle(el).backgroundColor }));
    expect(look.width).toBeGreaterThan(0);
    expect(look.background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
  }
  await expect(row.locator(".status-counts")).toContainText("1 Unverified");
  await expect(row.locator(".status-counts")).toContainText("1 In progress");
});

test("the favicon answers 200 as an icon, and every page links it", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\//);
  const workspace = await createWorkspace();
  await page.goto("/login");
  for (const path of ["/login", "/documents", "/sources"]) {
    if (path === "/documents") await signIn(page, workspace.users.OWNER);
    await page.goto(path);
    const href = await page.locator('head link[rel~="icon"]').first().getAttribute("href");
    expect(href, path).toMatch(/^\/favicon\.ico/);
    expect((await request.get(href as string)).status()).toBe(200);
  }
});

test("on a wide screen the navigation shows in the header and the Menu button does not", async ({ page }) => {
  const workspace = await createWorkspace();
  await signIn(page, workspace.users.OWNER);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
});

test.describe("at 390 px wide", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  const noOverflow = async (page: Page, where: string) => {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth, `${where}: page wider than the screen`).toBeLessThanOrEqual(clientWidth);
  };

  test("the navigation folds into a Menu button that the keyboard opens and closes, and no page overflows", async ({ page }) => {
    const workspace = await createWorkspace({ corpus: true });
    const userId = workspace.users.EDITOR.id;
    const source = await createSource({ workspaceId: workspace.id, userId, title: "Memorial Human Rights Centre report on the events in Khojaly" });
    await createAnnotation({ documentId: workspace.documents[0].id, userId, needle: "ASALA", sourceId: source.id });
    await signIn(page, workspace.users.OWNER);

    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    await noOverflow(page, "/documents");

    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await noOverflow(page, "/documents with the menu open");
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(nav).toBeHidden();

    // Space opens it too; a link taken from it leads on and the new page starts with it closed.
    await page.keyboard.press("Space");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await nav.getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await noOverflow(page, "/dashboard");

    await menu.click();
    await nav.getByRole("link", { name: "Sources" }).click();
    await expect(page.getByRole("link", { name: "Memorial Human Rights Centre report on the events in Khojaly", exact: true })).toBeVisible();
    await noOverflow(page, "/sources");
  });
});
