import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { CAMPAIGN, createAnnotation, createEvidence, createSource, item, selectText, sidebar } from "./fixtures/annotator";
import { expectAccessible } from "./fixtures/axe";
import { apiSignIn, createInvitation, createWorkspace, signIn, type TWorkspace } from "./fixtures/factories";

/** Opens `path`, waits for its main heading, and checks the page with axe. */
async function check(page: Page, path: string, state: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expectAccessible(page, `${path} (${state})`);
}

/** A corpus workspace with a source, three annotations (Unverified, Verified and Partly verified with evidence) and a mention of the owner. */
async function annotatedWorkspace(request: import("@playwright/test").APIRequestContext): Promise<{ workspace: TWorkspace; documentId: string; sourceId: string }> {
  const workspace = await createWorkspace({ corpus: true });
  const documentId = workspace.documents.find((d) => d.title === CAMPAIGN)!.id;
  const userId = workspace.users.EDITOR.id;
  const source = await createSource({ workspaceId: workspace.id, userId, title: "Memorial report on Khojaly", aliases: ["Memorial HRC"] });
  await createAnnotation({ documentId, userId, needle: "ASALA", sourceId: source.id, locator: "p. 4" });
  await apiSignIn(request, workspace.users.REVIEWER);
  for (const [needle, status] of [["Seyran Oghanyan", "VERIFIED"], ["Serzh Sarkisian", "PARTLY_VERIFIED"]] as const) {
    const a = await createAnnotation({ documentId, userId, needle, sourceId: source.id, note: "Checked against the report." });
    await createEvidence({ annotationId: a.id, userId, passage: "The report says so.", sourceId: source.id });
    expect((await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 1, status } })).ok()).toBe(true);
  }
  const mention = `<span data-type="mention" data-id="${workspace.users.OWNER.id}" data-label="owner">@owner</span>`;
  const first = await createAnnotation({ documentId, userId, needle: "Thomas de Waal" });
  expect((await request.post(`/api/v1/annotations/${first.id}/comments`, { data: { html: `<p>Please look, ${mention}</p>` } })).ok()).toBe(true);
  return { workspace, documentId, sourceId: source.id };
}

const EMPTY_PAGES = ["/documents", "/documents/new", "/dashboard", "/queue", "/inbox", "/sources", "/sources/new", "/sources/import", "/reports", "/settings", "/settings/notifications", "/settings/tokens", "/workspaces", "/workspaces/:id", "/account", "/account/password"];
const ANNOTATED_PAGES = ["/documents", "/documents/:doc/report", "/documents/:doc/activity", "/documents/:doc/import", "/documents/:doc/revisions?read=1", "/documents/:doc/edit", "/dashboard", "/queue", "/queue?tab=unassigned", "/inbox", "/sources", "/sources/:source", "/sources/:source/edit", "/reports", "/workspaces/:id"];
const DARK_PAGES = ["/login", "/documents", "/documents/:doc", "/dashboard", "/queue", "/inbox", "/sources", "/sources/:source", "/sources/new", "/workspaces/:id", "/settings/tokens", "/documents/:doc/report"];
/** Checked by their own tests below (the sign-in page, the reading view in its states), or by none with the reason. */
const CHECKED_ELSEWHERE = ["/login", "/documents/:doc", "/invitations/:token"];
const NOT_A_PAGE = { "/": "only redirects to /documents" };

/** Every page of the app, from its page.tsx files under app/, with each dynamic segment as ":". */
function appPages(dir = join(__dirname, "..", "app"), route = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "page.tsx" ? [route || "/"] : [];
    if (!entry.isDirectory()) return [];
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name.replace(/^\[.*\]$/, ":")}`;
    return appPages(join(dir, entry.name), route + segment);
  });
}

test("every page of the app is in the axe suite", () => {
  const listed = new Set([...EMPTY_PAGES, ...ANNOTATED_PAGES, ...DARK_PAGES, ...CHECKED_ELSEWHERE, ...Object.keys(NOT_A_PAGE)].map((p) => p.replace(/\?.*$/, "").replace(/:\w+/g, ":")));
  expect(appPages().filter((page) => !listed.has(page))).toEqual([]);
});

// axe over a whole page takes seconds on a busy machine: one test per page and state.
test.describe.configure({ timeout: 120_000 });

test("the sign-in page has no axe violations", async ({ page }) => {
  await check(page, "/login", "signed out");
});

test("the invitation page has no axe violations", async ({ page }) => {
  const workspace = await createWorkspace();
  const { token } = await createInvitation({ workspaceId: workspace.id, by: workspace.users.OWNER.id });
  await check(page, `/invitations/${token}`, "signed out");
});

test.describe("an empty workspace", () => {
  let workspace: TWorkspace;
  test.beforeAll(async () => {
    workspace = await createWorkspace();
  });
  for (const path of EMPTY_PAGES) {
    test(`${path} has no axe violations`, async ({ page }) => {
      await signIn(page, workspace.users.OWNER);
      await check(page, path.replace(":id", workspace.id), "empty");
    });
  }
});

test.describe("a workspace with annotations", () => {
  let data: Awaited<ReturnType<typeof annotatedWorkspace>>;
  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    data = await annotatedWorkspace(request);
    await request.dispose();
  });
  const fill = (path: string) => path.replace(":doc", data.documentId).replace(":source", data.sourceId).replace(":id", data.workspace.id);
  for (const path of ANNOTATED_PAGES) {
    test(`${path} has no axe violations`, async ({ page }) => {
      await signIn(page, data.workspace.users.OWNER);
      await check(page, fill(path), "with annotations");
    });
  }

  test("the reading view without annotations has no axe violations", async ({ page }) => {
    await signIn(page, data.workspace.users.REVIEWER);
    await page.goto(`/documents/${data.workspace.documents.find((d) => d.file.startsWith("002_"))!.id}`);
    await expect(page.locator(".document-text")).toBeVisible();
    await expect(sidebar(page)).toBeVisible();
    await expectAccessible(page, "reading view (no annotations)");
  });

  test("the reading view with annotations, an annotation's evidence form open, has no axe violations", async ({ page }) => {
    await signIn(page, data.workspace.users.REVIEWER);
    await page.goto(`/documents/${data.documentId}`);
    await expect(item(page, "ASALA")).toBeVisible();
    await expectAccessible(page, "reading view (with annotations)");
    await item(page, "Seyran Oghanyan").locator(":scope > .item-button").click();
    const evidence = sidebar(page).getByRole("region", { name: "Evidence" });
    await evidence.getByRole("button", { name: "Add evidence" }).click();
    await expect(evidence.getByRole("form", { name: "Add evidence" })).toBeVisible();
    await expectAccessible(page, "reading view (annotation chosen, evidence form open)");
  });

  test("the reading view's new-annotation dialog has no axe violations", async ({ page }) => {
    await signIn(page, data.workspace.users.REVIEWER);
    await page.goto(`/documents/${data.documentId}`);
    await selectText(page, "strategic importance");
    await page.getByRole("button", { name: "Annotate" }).click();
    const dialog = page.getByRole("dialog", { name: "New annotation" });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, "reading view (new-annotation dialog open)");
    await dialog.getByRole("combobox", { name: "Claimed source" }).fill("Memorial");
    await expect(dialog.getByRole("listbox")).toBeVisible();
    await expectAccessible(page, "reading view (new-annotation dialog, source suggestions open)");
  });

  test.describe("in the dark colour scheme", () => {
    test.use({ colorScheme: "dark" });
    for (const path of DARK_PAGES) {
      test(`${path} has no axe violations`, async ({ page }) => {
        if (path !== "/login") await signIn(page, data.workspace.users.OWNER);
        await check(page, fill(path), "dark");
      });
    }
  });
});
