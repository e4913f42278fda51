/**
 * The XSS corpus (e2e/security/fixtures-xss.ts) through every channel that stores text a user
 * typed or imported: document titles and text (pasted, uploaded, by API), annotation notes,
 * locators and attributions, comments (the tiptap editor, a pasted HTML clipboard, raw API HTML),
 * source fields, evidence, CSL-JSON / BibTeX source imports, W3C / Hypothesis annotation imports
 * and member names. Then every page that shows them is opened in Chromium, once under the app's
 * CSP and once with the CSP bypassed (so the sanitizing and escaping are tested on their own,
 * not only the policy), and the downloaded HTML report is opened from disk: no payload may run
 * (no __pvXss hit, no dialog, no new window, no javascript: navigation), and no DOM may hold an
 * event-handler attribute, a script address or an injected frame or script.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { apiSignIn, createWorkspace, prisma, signIn, type TWorkspace } from "../fixtures/factories";
import { suiteSize } from "../fixtures/suite";
import { bibtex, cslJson, hypothesisAnnotations, installTripwires, PAYLOADS, scanPage, urlPayload, w3cAnnotations, type TPayload } from "./fixtures-xss";

/** The full corpus under `npm run test:security`, a sample of ten in plain `npm test`. */
const CORPUS: TPayload[] = suiteSize({ full: PAYLOADS, smoke: PAYLOADS.filter((_, i) => i % Math.ceil(PAYLOADS.length / 10) === 0).slice(0, 10) });
const IMPORT_ANCHOR = "Anchor sentence for the imported annotations.";

let workspace: TWorkspace;
let mainDocumentId: string;
const annotationIds: string[] = [];
const sourceIds: string[] = [];
const channels = new Set<string>();

const codePoints = (text: string) => Array.from(text).length;

async function post(request: APIRequestContext, url: string, data: unknown): Promise<{ id: string } & Record<string, unknown>> {
  const response = await request.post(url, { data });
  expect(response.status(), `${url}: ${(await response.text()).slice(0, 300)}`).toBeLessThan(300);
  return response.json();
}

/**
 * The BibTeX library in one import; if the parser refuses the whole file (a 422 naming an entry),
 * entry by entry, so that one unreadable payload does not keep the others out.
 */
async function importBibtex(request: APIRequestContext) {
  const whole = await request.post("/api/v1/sources/import", { data: { workspaceId: workspace.id, format: "bibtex", content: bibtex(CORPUS) } });
  expect(whole.status()).toBeLessThan(500);
  if (whole.ok()) return;
  let imported = 0;
  for (const p of CORPUS) {
    const one = await request.post("/api/v1/sources/import", { data: { workspaceId: workspace.id, format: "bibtex", content: bibtex([p]) } });
    expect(one.status(), `BibTeX entry ${p.n}`).toBeLessThan(500);
    if (one.ok()) imported++;
  }
  expect(imported, "BibTeX entries the parser accepted").toBeGreaterThanOrEqual(Math.ceil(CORPUS.length / 2));
}

/** Everything through the API, as the owner (the editor posts the comments that mention the owner). */
async function seedThroughApi(request: APIRequestContext, editor: APIRequestContext) {
  const lines = CORPUS.map((p) => p.text);
  const text = [...lines, IMPORT_ANCHOR].join("\n");
  const main = await post(request, "/api/v1/documents", { workspaceId: workspace.id, title: `Main ${CORPUS[0].text}`, text });
  mainDocumentId = main.id;
  channels.add("document title (API)").add("document text (API)");
  for (const p of CORPUS) await post(request, "/api/v1/documents", { workspaceId: workspace.id, title: p.text, text: `Body ${p.text}` });

  let offset = 0;
  for (const [i, p] of CORPUS.entries()) {
    const source = await post(request, "/api/v1/sources", {
      workspaceId: workspace.id,
      kind: "BOOK",
      title: p.text,
      authors: [{ family: p.text.slice(0, 200), given: p.text.slice(0, 200) }, { literal: p.text.slice(0, 300) }],
      containerTitle: p.text,
      publisher: p.text,
      publisherPlace: p.text,
      url: urlPayload(p.n),
      archivedUrl: urlPayload(p.n + 1),
      aliases: [p.text],
      page: p.text.slice(0, 100),
      doi: p.text,
    });
    sourceIds.push(source.id);
    const start = offset;
    const end = start + codePoints(lines[i]);
    offset = end + 1;
    const annotation = await post(request, `/api/v1/documents/${mainDocumentId}/annotations`, {
      start,
      end,
      sourceId: source.id,
      locator: p.text,
      attributionText: p.text,
      note: p.text,
      status: i % 2 ? "IN_PROGRESS" : "UNVERIFIED",
    });
    annotationIds.push(annotation.id);
    await post(request, `/api/v1/annotations/${annotation.id}/evidence`, {
      stance: "CONTRADICTS",
      passage: p.text,
      passageTranslation: p.text,
      locator: p.text.slice(0, 300),
      note: p.text,
      url: urlPayload(p.n),
      archivedUrl: urlPayload(p.n + 2),
    });
    await post(editor, `/api/v1/annotations/${annotation.id}/comments`, { html: p.text });
    await post(editor, `/api/v1/annotations/${annotation.id}/comments`, {
      html: `<p>${p.text} <span data-type="mention" data-id="${workspace.users.OWNER.id}">@owner</span> <a href="${urlPayload(p.n)}">${p.text}</a></p>`,
    });
  }
  channels.add("source fields (API)").add("annotation note, locator, attribution (API)").add("evidence passage, URL (API)").add("comment raw HTML (API)").add("mentions → inbox");

  await post(request, "/api/v1/sources/import", { workspaceId: workspace.id, format: "csl-json", content: cslJson(CORPUS) });
  await importBibtex(request);
  channels.add("CSL-JSON import (API)").add("BibTeX import (API)");
  await post(request, `/api/v1/documents/${mainDocumentId}/annotations/import`, { format: "w3c", content: w3cAnnotations(CORPUS, IMPORT_ANCHOR) });
  await post(request, `/api/v1/documents/${mainDocumentId}/annotations/import`, { format: "hypothesis", content: hypothesisAnnotations(CORPUS, IMPORT_ANCHOR) });
  channels.add("W3C import (API)").add("Hypothesis import (API)");
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(300_000);
  workspace = await createWorkspace({ name: `XSS ${PAYLOADS[1].text}`.slice(0, 120) });
  // Member names reach mentions, the inbox, activity and the members page.
  await prisma().user.update({ where: { id: workspace.users.EDITOR.id }, data: { name: `Editor ${PAYLOADS[0].text}` } });
  channels.add("workspace name, member name");
  const baseURL = test.info().project.use.baseURL;
  const owner = await playwright.request.newContext({ baseURL });
  const editor = await playwright.request.newContext({ baseURL });
  await apiSignIn(owner, workspace.users.OWNER);
  await apiSignIn(editor, workspace.users.EDITOR);
  await seedThroughApi(owner, editor);
  await owner.dispose();
  await editor.dispose();
});

type TWatcher = Awaited<ReturnType<typeof installTripwires>>;

async function expectClean(page: Page, watch: TWatcher, where: string) {
  const { hits, findings } = await scanPage(page);
  expect(hits, `${where}: payloads that ran`).toEqual([]);
  expect(findings, `${where}: dangerous DOM`).toEqual([]);
  expect(watch.dialogs, `${where}: dialogs`).toEqual([]);
  expect(watch.popups, `${where}: new windows`).toEqual([]);
  expect(watch.navigations, `${where}: script navigations`).toEqual([]);
}

/** Through the real UI, one of each channel: paste, upload, note, evidence, comment (typed and pasted HTML), source form, imports. */
test("payloads entered through the UI are stored and shown inert", async ({ page }) => {
  test.setTimeout(240_000);
  const watch = await installTripwires(page);
  const [a, b, c, d, e] = [CORPUS[0], CORPUS[1 % CORPUS.length], CORPUS[2 % CORPUS.length], CORPUS[3 % CORPUS.length], CORPUS[4 % CORPUS.length]];
  await signIn(page, workspace.users.OWNER);

  await page.goto("/documents/new");
  await page.getByLabel("Paste text").check();
  await page.getByLabel("Title").fill(`UI ${a.text}`);
  await page.getByLabel("Document text").fill(`Pasted ${b.text}\nSecond line to annotate.`);
  await page.getByRole("button", { name: "Create document" }).click();
  await expect(page.getByRole("region", { name: "Document text" })).toContainText(`Pasted ${b.text}`);
  await expectClean(page, watch, "pasted document");
  channels.add("document title + pasted text (UI)");

  await page.goto("/documents/new");
  await page.getByLabel(/^Files \(PDF/).setInputFiles({ name: `${c.text.replace(/[/\\]/g, "_")}.txt`, mimeType: "text/plain", buffer: Buffer.from(`Uploaded ${d.text}\n`) });
  await page.getByRole("button", { name: "Import document" }).click();
  await expect(page.getByRole("region", { name: "Document text" })).toContainText(`Uploaded ${d.text}`);
  await expectClean(page, watch, "uploaded document");
  channels.add("uploaded text file + its name (UI)");

  // The reading view of the main document: a note and evidence through the sidebar.
  await page.goto(`/documents/${mainDocumentId}`);
  const sidebar = page.getByRole("region", { name: "Annotations" });
  await sidebar.locator(".annotation-item > .item-button").first().click();
  await sidebar.getByLabel("Note").fill(`UI note ${e.text}`);
  await sidebar.getByRole("button", { name: "Save changes" }).click();
  await expect(sidebar.getByLabel("Note")).toHaveValue(`UI note ${e.text}`);
  channels.add("annotation note (UI)");
  const evidence = sidebar.getByRole("region", { name: "Evidence" });
  await evidence.getByRole("button", { name: "Add evidence" }).click();
  const form = evidence.getByRole("form", { name: "Add evidence" });
  await form.getByRole("radio", { name: "Supports" }).check();
  await form.getByLabel("Passage").fill(`UI passage ${a.text}`);
  await form.getByLabel("URL", { exact: true }).fill(urlPayload(a.n));
  await form.getByRole("button", { name: "Save evidence" }).click();
  await expect(form).toBeHidden();
  channels.add("evidence passage + URL (UI)");

  // Comments: typed into tiptap, and an HTML clipboard pasted into it.
  const discussion = sidebar.getByRole("region", { name: /^Discussion/ });
  const box = discussion.getByRole("textbox", { name: "Write a comment" });
  await box.click();
  await page.keyboard.type(`Typed ${b.text}`);
  await discussion.getByRole("button", { name: "Post", exact: true }).click();
  await expect(box).toHaveText("");
  await box.click();
  await box.evaluate((element, html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", html);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, CORPUS.map((p) => p.text).join("<br>"));
  await discussion.getByRole("button", { name: "Post", exact: true }).click();
  await expect(box).toHaveText("");
  await expectClean(page, watch, "reading view after UI writes");
  channels.add("comment typed + HTML pasted into tiptap (UI)");

  await page.goto(`/sources/new?workspace=${workspace.id}`);
  await page.getByLabel("Kind").selectOption("BOOK");
  await page.getByLabel("Title", { exact: true }).fill(`UI source ${c.text}`);
  await page.getByLabel("Authors").fill(`Mallory, ${d.text}`);
  await page.getByLabel("Publisher", { exact: true }).fill(e.text);
  await page.getByRole("button", { name: "Create source" }).click();
  await page.waitForURL((url) => /^\/sources\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  await expect(page.getByText(/UI source PVX/).first()).toBeVisible();
  await expectClean(page, watch, "source page after the UI form");
  channels.add("source form (UI)");

  await page.goto(`/sources/import?workspace=${workspace.id}`);
  await page.getByLabel("File (.bib or .json, at most 5 MB)").setInputFiles({ name: "xss.bib", mimeType: "application/x-bibtex", buffer: Buffer.from(bibtex(CORPUS.slice(0, 3)).replaceAll("@book{pvx", "@book{ui")) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: /preview/i }).first()).toBeVisible();
  await expectClean(page, watch, "BibTeX import preview");
  channels.add("BibTeX import preview (UI)");

  await page.goto(`/documents/${mainDocumentId}/import`);
  await page.getByLabel("File (.json or .jsonld, at most 5 MB)").setInputFiles({ name: "xss.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(w3cAnnotations(CORPUS.slice(0, 3), IMPORT_ANCHOR)) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: /^Preview/ })).toBeVisible();
  await expectClean(page, watch, "W3C import preview");
  channels.add("W3C import preview (UI)");
});

/** Every page that shows the stored payloads, checked after it settles. */
async function sweep(page: Page, watch: TWatcher, label: string) {
  const pages = [
    "/documents",
    `/documents/${mainDocumentId}`,
    `/documents/${mainDocumentId}/report`,
    `/documents/${mainDocumentId}/activity`,
    "/queue",
    "/dashboard",
    "/inbox",
    `/reports?workspace=${workspace.id}`,
    `/sources?workspace=${workspace.id}`,
    `/workspaces/${workspace.id}`,
    ...sourceIds.slice(0, suiteSize({ full: sourceIds.length, smoke: 3 })).map((id) => `/sources/${id}`),
  ];
  for (const url of pages) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBeLessThan(400);
    await page.waitForLoadState("load");
    await expectClean(page, watch, `${label} ${url}`);
  }
  // The reading view's details: open annotations one after another (note, source, evidence, thread).
  await page.goto(`/documents/${mainDocumentId}`);
  const items = page.getByRole("region", { name: "Annotations" }).locator(".annotation-item > .item-button");
  await expect(items.first()).toBeVisible();
  const count = Math.min(await items.count(), suiteSize({ full: 60, smoke: 4 }));
  for (let i = 0; i < count; i++) {
    await items.nth(i).click();
    await expect(page.getByRole("region", { name: "Annotations" }).getByRole("region", { name: "Evidence" }).first()).toBeVisible();
  }
  await expectClean(page, watch, `${label} reading view details`);
}

test("every page that shows the payloads runs none of them, under the CSP", async ({ page }) => {
  test.setTimeout(300_000);
  const watch = await installTripwires(page);
  await signIn(page, workspace.users.OWNER);
  await sweep(page, watch, "CSP");
});

/** Without the policy: the escaping and sanitizing alone must hold. */
async function withoutCsp(browser: Browser, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ bypassCSP: true, baseURL: test.info().project.use.baseURL });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test("with the CSP bypassed, escaping and sanitizing alone keep every payload inert", async ({ browser }) => {
  test.setTimeout(300_000);
  await withoutCsp(browser, async (page) => {
    const watch = await installTripwires(page);
    await signIn(page, workspace.users.OWNER);
    await sweep(page, watch, "no CSP");
  });
});

test("the downloaded HTML report, opened from disk, runs no payload", async ({ page }) => {
  const watch = await installTripwires(page);
  await signIn(page, workspace.users.OWNER);
  const response = await page.request.get(`/api/v1/documents/${mainDocumentId}/export?format=html&comments=1&text=1`);
  expect(response.status()).toBe(200);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pv-xss-")), "report.html");
  fs.writeFileSync(file, await response.body());
  await page.goto(`file://${file}`);
  await expect(page.locator("body")).toContainText("PVX");
  await expectClean(page, watch, "HTML report from disk");
  channels.add("HTML export");
  console.log(`[xss] ${PAYLOADS.length} payloads in the corpus, ${CORPUS.length} used; channels: ${[...channels].join("; ")}`);
});
