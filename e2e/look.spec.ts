import { expect, test, type Page } from "@playwright/test";
import { createAnnotation, createSource, openCampaign } from "./fixtures/annotator";
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

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in the ${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });
    test("the text stays readable on every status's highlight: contrast of at least 4.5:1, one highlight or two overlapping", async ({ page }) => {
      const workspace = await createWorkspace({ corpus: true });
      await openCampaign(page, workspace, "REVIEWER");
      const ratios = await page.evaluate(() => {
        const probe = document.createElement("span");
        document.body.append(probe);
        const rgba = (colour: string) => {
          probe.style.color = colour;
          const [r, g, b, a = 1] = getComputedStyle(probe).color.match(/[\d.]+/g)!.map(Number);
          return { r, g, b, a };
        };
        const over = (top: ReturnType<typeof rgba>, under: ReturnType<typeof rgba>) => ({
          r: top.a * top.r + (1 - top.a) * under.r,
          g: top.a * top.g + (1 - top.a) * under.g,
          b: top.a * top.b + (1 - top.a) * under.b,
          a: 1,
        });
        const luminance = ({ r, g, b }: ReturnType<typeof rgba>) => {
          const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const contrast = (x: ReturnType<typeof rgba>, y: ReturnType<typeof rgba>) => {
          const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
          return (hi + 0.05) / (lo + 0.05);
        };
        const text = document.querySelector(".document-text")!;
        // The first opaque background behind the text (the page's, in either scheme).
        let page = { r: 255, g: 255, b: 255, a: 1 };
        for (let el: Element | null = text; el; el = el.parentElement) {
          const bg = rgba(getComputedStyle(el).backgroundColor);
          if (bg.a === 1) {
            page = bg;
            break;
          }
        }
        const ink = rgba(getComputedStyle(text).color);
        const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText.startsWith("::highlight(pv-"));
        return rules
          .filter((r) => r.style.backgroundColor)
          .map((r) => {
            // A rule that sets its own text colour (the chosen span's) is read with it.
            const own = r.style.color ? rgba(r.style.color) : ink;
            const once = over(rgba(r.style.backgroundColor), page);
            return { name: r.selectorText, once: contrast(own, once), twice: contrast(own, over(rgba(r.style.backgroundColor), once)) };
          });
      });
      expect(ratios.length).toBeGreaterThanOrEqual(8);
      for (const { name, once, twice } of ratios) {
        expect(once, name).toBeGreaterThanOrEqual(4.5);
        expect(twice, `${name}, two overlapping`).toBeGreaterThanOrEqual(4.5);
      }
    });
  });
}
