/**
 * Documents as they arrive (issue 14): PDFs, Word files and web pages through the browser and the
 * API, with their preview, provenance, original file and page numbers. Fixtures are built from the
 * corpus at test time (e2e/fixtures/intake-fixtures.ts).
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { selectText, sidebar } from "./fixtures/annotator";
import { expectAccessible } from "./fixtures/axe";
import { apiSignIn, createWorkspace, prisma, signIn } from "./fixtures/factories";
import {
  corpusText,
  CORPUS_FILES,
  corruptZip,
  docxFromParagraphs,
  encryptedPdf,
  htmlPageWithChrome,
  CHROME_STRINGS,
  pdfFromText,
  pdfWithoutText,
  pngImage,
  truncated,
} from "./fixtures/intake-fixtures";

const PDF = "application/pdf";
const cp = (s: string) => Array.from(s);

type TDocumentBody = {
  id: string;
  text: string;
  format: string;
  pages: { number: number; start: number }[] | null;
  metadata: Record<string, unknown>;
  metadataVersion: number;
  original: { sha256: string; size: number; mediaType: string } | null;
};

async function documentCount(workspaceId: string): Promise<number> {
  return prisma().document.count({ where: { workspaceId } });
}

/** A phrase of `length` code points at the start of page `number`'s first line that occurs once in the text. */
function phraseOnPage(doc: TDocumentBody, number: number, length = 40): string {
  const pages = doc.pages!;
  const chars = cp(doc.text);
  const from = pages[number - 1].start;
  const to = number < pages.length ? pages[number].start : chars.length;
  const pageText = chars.slice(from, to).join("");
  for (const line of pageText.split("\n")) {
    const candidate = cp(line.trim()).slice(0, length).join("");
    if (cp(candidate).length === length && doc.text.indexOf(candidate) === doc.text.lastIndexOf(candidate)) return candidate;
  }
  throw new Error(`no unique phrase on page ${number}`);
}

async function upload(request: APIRequestContext, workspaceId: string, file: { name: string; mimeType: string; buffer: Buffer }, dryRun = false) {
  return request.post(`/api/v1/documents${dryRun ? "?dryRun=1" : ""}`, { multipart: { workspaceId, file } });
}

test("an editor uploads a PDF, annotates a span on page 5, and sees p. 5 proposed, in the list and in the report", async ({ page }) => {
  const workspace = await createWorkspace();
  const pdf = await pdfFromText(corpusText(CORPUS_FILES.summary) + "\n\n" + corpusText(CORPUS_FILES.campaign), { pages: 8, info: { title: "Khojaly dossier", author: "Leyla Mammadova" } });
  await signIn(page, workspace.users.EDITOR);
  await page.goto("/documents/new");
  await page.getByLabel(/^Files \(PDF/).setInputFiles({ name: "dossier.pdf", mimeType: PDF, buffer: pdf });

  // The preview, before anything is stored.
  const item = page.locator(".import-item").filter({ hasText: "dossier.pdf" });
  await expect(item.getByText("Ready to import")).toBeVisible();
  await expect(item.locator(".facts")).toContainText("PDF");
  await expect(item.locator(".facts")).toContainText("Pages8");
  await expect(item.locator(".facts")).toContainText("Leyla Mammadova");
  await expect(item.getByLabel("Title")).toHaveValue("Khojaly dossier");
  expect(await documentCount(workspace.id)).toBe(0);
  await expectAccessible(page, "the new-document page with a PDF's preview");

  await page.getByRole("button", { name: "Import document" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Khojaly dossier" })).toBeVisible();
  const id = page.url().split("/").pop()!;
  const doc = (await (await page.request.get(`/api/v1/documents/${id}`)).json()) as TDocumentBody;
  expect(doc.format).toBe("pdf");
  expect(doc.pages).toHaveLength(8);
  expect(doc.original).toEqual({ sha256: createHash("sha256").update(pdf).digest("hex"), size: pdf.byteLength, mediaType: PDF });

  // Page markers are drawn beside the text, never in it; "Go to page" brings page 5 into view.
  const region = page.getByRole("region", { name: "Document text" });
  await expect(region.locator('p[data-pages="5"]')).toBeAttached();
  expect(await region.locator(".document-text").evaluate((el) => el.textContent)).not.toContain("Page 5");
  await region.getByLabel("Go to page").fill("5");
  await region.getByRole("button", { name: "Go" }).click();
  await expect(region.locator('p[data-pages="5"]')).toBeInViewport();
  // The marker above the page's first line is in view too (it is drawn above the line).
  expect(await region.locator('p[data-pages="5"]').evaluate((p) => p.getBoundingClientRect().top)).toBeGreaterThan(15);
  await region.getByLabel("Go to page").fill("9");
  await region.getByRole("button", { name: "Go" }).click();
  await expect(region.getByText("Give a page from 1 to 8")).toBeVisible();
  await page.locator(".document-provenance > summary").click();
  await expectAccessible(page, "the reading view of a paged PDF, its provenance open");

  // A span on page 5: the dialog proposes its page as the locator.
  const phrase = phraseOnPage(doc, 5);
  await selectText(page, phrase);
  await page.getByRole("button", { name: "Annotate" }).click();
  const dialog = page.getByRole("dialog", { name: "New annotation" });
  await expect(dialog.getByText("This passage is on p. 5 of this document.")).toBeVisible();
  await dialog.getByRole("button", { name: "Use “p. 5” as the locator" }).click();
  await expect(dialog.getByLabel("Locator")).toHaveValue("p. 5");
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog).toBeHidden();
  const entry = sidebar(page).locator(".annotation-item").filter({ hasText: phrase.slice(0, 30) });
  await expect(entry.locator(".page-label")).toHaveText("p. 5");

  const annotations = (await (await page.request.get(`/api/v1/documents/${id}/annotations`)).json()).annotations as { page: number; endPage: number; locator: string }[];
  expect(annotations).toEqual([expect.objectContaining({ page: 5, endPage: 5, locator: "p. 5" })]);

  await page.goto(`/documents/${id}/report`);
  await expect(page.locator("main")).toContainText("p. 5");
  await expect(page.locator("main")).toContainText("Leyla Mammadova");

  // The original downloads byte-exact.
  const original = await page.request.get(`/api/v1/documents/${id}/original`);
  expect(original.status()).toBe(200);
  expect(original.headers()["content-type"]).toBe(PDF);
  expect(original.headers()["content-disposition"]).toContain("dossier.pdf");
  expect(Buffer.compare(await original.body(), pdf)).toBe(0);
});

test("several files at once: a progress bar each, one bad file does not stop the others, a summary at the end", async ({ page }) => {
  const workspace = await createWorkspace();
  const html = htmlPageWithChrome(corpusText(CORPUS_FILES.statement), { title: "Statement on Khojaly", siteName: "Caspian Daily" });
  const docx = await docxFromParagraphs([{ runs: ["Interview"], style: "Heading1" }, "Thomas de Waal wrote in his book Black Garden about the events.", { runs: ["Kept: ", { insert: "inserted words" }, { delete: "deleted words" }] }], {
    core: { title: "Interview notes", creator: "Anar Aliyev" },
  });
  await signIn(page, workspace.users.EDITOR);
  await page.goto("/documents/new");
  await page.getByLabel(/^Files \(PDF/).setInputFiles([
    { name: "statement.html", mimeType: "text/html", buffer: Buffer.from(html) },
    { name: "interview.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: docx },
    { name: "scan.pdf", mimeType: PDF, buffer: pngImage() },
  ]);
  const items = page.locator(".import-item");
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: "statement.html" }).getByText("Ready to import")).toBeVisible();
  const word = items.filter({ hasText: "interview.docx" });
  await expect(word.getByText("Ready to import")).toBeVisible();
  await expect(word.locator(".import-warnings")).toContainText("1 tracked insertion");
  await expect(word.locator(".import-first-lines")).toContainText("Kept: inserted words");
  await expect(word.locator(".import-first-lines")).not.toContainText("deleted words");
  const bad = items.filter({ hasText: "scan.pdf" });
  await expect(bad.getByText("Not imported")).toBeVisible();
  await expect(bad.getByRole("alert")).toContainText("Supported:");
  // The web page's preview has the article, not the site around it.
  const web = items.filter({ hasText: "statement.html" });
  await expect(web.locator(".facts")).toContainText("Caspian Daily");
  for (const chrome of ["Most read", "Accept all cookies"]) await expect(web.locator(".import-first-lines")).not.toContainText(chrome);

  await page.getByRole("button", { name: "Import 2 documents" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 imported, 1 not imported" })).toBeVisible();
  await expect(page.getByLabel(/^Overall: 3 of 3 finished/)).toHaveJSProperty("value", 1);
  expect(await documentCount(workspace.id)).toBe(2);
  await page.getByRole("link", { name: "Open “Interview notes”" }).click();
  await expect(page.getByRole("region", { name: "Document text" })).toContainText("Thomas de Waal wrote in his book Black Garden");
});

test("a web page imported from its address keeps the article, its provenance and the fetched original", async ({ page }) => {
  const workspace = await createWorkspace();
  const html = htmlPageWithChrome(corpusText(CORPUS_FILES.interview), { title: "An interview on Khojaly", siteName: "Caspian Daily", author: "Leyla Mammadova", published: "2025-02-24T08:30:00Z" });
  // PV_FETCH_ALLOW_HOSTS=127.0.0.1 in the test run (scripts/test.ts) lets the app fetch from this server.
  const server = http.createServer((req, res) => {
    if (req.url === "/moved") {
      res.writeHead(302, { location: "/article" }).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await signIn(page, workspace.users.EDITOR);
    await page.goto("/documents/new");
    await page.getByLabel("From a web address").check();
    await page.getByRole("textbox", { name: "Web address" }).fill("ftp://example.org/file");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("Give the page's address, starting with http:// or https://")).toBeVisible();

    await page.getByRole("textbox", { name: "Web address" }).fill(`http://127.0.0.1:${port}/moved`);
    await page.getByRole("button", { name: "Preview" }).click();
    const item = page.locator(".import-item");
    await expect(item.getByText("Ready to import")).toBeVisible();
    await expect(item.locator(".facts")).toContainText("Web page");
    await expect(item.locator(".facts")).toContainText("Leyla Mammadova");
    await expect(item.locator(".facts")).toContainText("2025-02-24");
    await page.getByRole("button", { name: "Import document" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "An interview on Khojaly" })).toBeVisible();
    const text = page.getByRole("region", { name: "Document text" });
    for (const chrome of CHROME_STRINGS) await expect(text).not.toContainText(chrome);

    await page.locator(".document-provenance > summary").click();
    const provenance = page.locator(".document-provenance");
    await expect(provenance).toContainText("Caspian Daily");
    await expect(provenance).toContainText("https://caspian-daily.example/news/khojaly-anniversary");
    await expect(provenance).toContainText("Retrieved");
    const id = page.url().split("/").pop()!;
    const original = await page.request.get(`/api/v1/documents/${id}/original`);
    expect(await original.text()).toBe(html);

    // An editor corrects the details; someone else's stale edit gets 409 and loses nothing.
    await provenance.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel("Archived copy").fill("not a url");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText("Give an http or https URL")).toBeVisible();
    await page.getByLabel("Archived copy").fill("https://web.archive.org/web/2025/https://caspian-daily.example/news/khojaly-anniversary");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(provenance.getByRole("link", { name: /web\.archive\.org/ })).toBeVisible();
    const stale = await page.request.patch(`/api/v1/documents/${id}`, { data: { metadataVersion: 1, publisher: "Someone else" } });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error.current.metadata.archivedUrl).toContain("web.archive.org");
  } finally {
    server.close();
  }
});

test("bad files and addresses: each refused with its status and reason, and nothing stored", async ({ request }) => {
  const workspace = await createWorkspace();
  await apiSignIn(request, workspace.users.EDITOR);
  const pdf = await pdfFromText(corpusText(CORPUS_FILES.summary), { pages: 2 });
  const cases: [string, { name: string; mimeType: string; buffer: Buffer }, number, RegExp][] = [
    ["an image renamed .pdf", { name: "scan.pdf", mimeType: PDF, buffer: pngImage() }, 415, /Supported: PDF, Word \(\.docx\), web pages \(HTML\), plain text \(\.txt\) and Markdown \(\.md\)/],
    ["a truncated PDF", { name: "cut.pdf", mimeType: PDF, buffer: truncated(pdf) }, 422, /PDF/],
    ["an encrypted PDF", { name: "locked.pdf", mimeType: PDF, buffer: await encryptedPdf() }, 422, /encrypted/],
    ["a scan with no text layer", { name: "scan2.pdf", mimeType: PDF, buffer: await pdfWithoutText() }, 422, /no text layer/],
    ["a corrupt Word file", { name: "broken.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: corruptZip() }, 422, /damaged|Word|ZIP/i],
    ["a file over 25 MB", { name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(25 * 1024 * 1024 + 1, 0x61) }, 413, /25 MB/],
  ];
  for (const [what, file, status, message] of cases) {
    const response = await upload(request, workspace.id, file);
    expect(response.status(), what).toBe(status);
    const body = await response.json();
    expect(body.error.message, what).toMatch(message);
    expect(body.error.fields?.file, what).toBeTruthy();
  }
  for (const [url, message] of [
    [`http://localhost:9/`, /private|loopback|cannot be fetched/i],
    ["http://10.0.0.1/", /private network/i],
    ["http://169.254.169.254/latest/meta-data/", /cannot be fetched|link-local|private/i],
    ["file:///etc/passwd", /http and https/],
  ] as const) {
    const response = await request.post("/api/v1/documents", { data: { workspaceId: workspace.id, url } });
    expect(response.status(), url).toBe(422);
    expect((await response.json()).error.fields.url, url).toMatch(message);
  }
  // A dry run previews and stores nothing either.
  const preview = await upload(request, workspace.id, { name: "two-pages.pdf", mimeType: PDF, buffer: pdf }, true);
  expect(preview.status()).toBe(200);
  expect((await preview.json()).preview).toMatchObject({ format: "pdf", pageCount: 2 });
  expect(await documentCount(workspace.id)).toBe(0);
  expect(await prisma().documentFile.count({ where: { workspaceId: workspace.id } })).toBe(0);
});

test("a VIEWER cannot import, and another workspace's original is not found", async ({ request }) => {
  const workspace = await createWorkspace();
  const other = await createWorkspace();
  await apiSignIn(request, workspace.users.EDITOR);
  const created = await upload(request, workspace.id, { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Notes\n\nNewsweek reported 613 killed.\n") });
  expect(created.status()).toBe(201);
  const doc = (await created.json()) as TDocumentBody;
  expect(doc).toMatchObject({ format: "md", pages: null, title: "Notes" });

  await apiSignIn(request, workspace.users.VIEWER);
  expect((await upload(request, workspace.id, { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("text") })).status()).toBe(403);
  expect((await request.get(`/api/v1/documents/${doc.id}/original`)).status()).toBe(200);
  await apiSignIn(request, other.users.OWNER);
  const hidden = await request.get(`/api/v1/documents/${doc.id}/original`);
  expect(hidden.status()).toBe(404);
  expect((await upload(request, workspace.id, { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("text") })).status()).toBe(404);
});
