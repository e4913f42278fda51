import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { apiSignIn, createWorkspace, signIn } from "./fixtures/factories";

const corpusDir = path.join(__dirname, "..", "prisma", "corpus");

test("every corpus document comes back from the API with the corpus file's sha256", async ({ request }) => {
  const workspace = await createWorkspace({ corpus: true });
  await apiSignIn(request, workspace.users.VIEWER);
  for (const doc of workspace.documents) {
    const response = await request.get(`/api/v1/documents/${doc.id}`);
    expect(response.status()).toBe(200);
    const body = await response.json();
    const expected = createHash("sha256").update(fs.readFileSync(path.join(corpusDir, doc.file), "utf8").normalize("NFC"), "utf8").digest("hex");
    expect(createHash("sha256").update(body.text, "utf8").digest("hex")).toBe(expected);
    expect(body.sha256).toBe(expected);
    expect(body).toMatchObject({ id: doc.id, workspaceId: workspace.id, title: doc.title, revision: 1, annotationCount: 0 });
    expect(body.length).toBe([...body.text].length);
  }
  const list = await (await request.get("/api/v1/documents")).json();
  expect(list.documents.map((d: { id: string }) => d.id).sort()).toEqual(workspace.documents.map((d) => d.id).sort());
});

test("the 195 KB compilation shows its last paragraph, with Cyrillic look-alikes kept", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const compilation = workspace.documents.find((d) => d.file.startsWith("003"))!;
  await signIn(page, workspace.users.VIEWER);
  await page.getByRole("link", { name: compilation.title }).click();
  const text = page.getByRole("region", { name: "Document text" });
  const last = text.getByText("heads of committees and companies, leaders of religious confessions, as well as Khojaly genocide");
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeVisible();
  await expect(text.getByText("https://azertag.az").last()).toBeAttached();
  const raw = fs.readFileSync(path.join(corpusDir, compilation.file), "utf8");
  const cyrillicWord = raw.match(/[A-Za-z]*[\u0400-\u04FF][A-Za-z]+/)![0];
  await expect(text).toContainText(cyrillicWord);
});

test("a VIEWER cannot create documents, in the UI or the API", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  await signIn(page, workspace.users.VIEWER);
  await expect(page.getByRole("link", { name: workspace.documents[0].title })).toBeVisible();
  await expect(page.getByRole("link", { name: "New document" })).toHaveCount(0);
  await page.goto("/documents/new");
  await expect(page.getByRole("status")).toContainText("Only editors and owners add documents");
  const response = await page.request.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Sneaky", text: "Not allowed" } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("FORBIDDEN");
  await page.goto(`/documents/${workspace.documents[0].id}`);
  await expect(page.getByRole("button", { name: "Rename" })).toHaveCount(0);
});

test("a member of another workspace gets 404 for a document's page and API URL", async ({ page }) => {
  const corpus = await createWorkspace({ corpus: true });
  const other = await createWorkspace();
  await signIn(page, other.users.OWNER);
  const doc = corpus.documents[0];
  const response = await page.goto(`/documents/${doc.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText(doc.title)).toHaveCount(0);
  const api = await page.request.get(`/api/v1/documents/${doc.id}`);
  expect(api.status()).toBe(404);
  expect((await api.json()).error).toEqual({ code: "NOT_FOUND", message: "Document not found" });
  expect((await page.request.patch(`/api/v1/documents/${doc.id}`, { data: { title: "Mine now" } })).status()).toBe(404);
  expect((await page.request.get(`/api/v1/workspaces/${corpus.id}/members`)).status()).toBe(404);
  expect((await page.goto(`/workspaces/${corpus.id}`))?.status()).toBe(404);
});

test("an editor creates a document by pasting text; it is stored exactly", async ({ page }) => {
  const workspace = await createWorkspace();
  await signIn(page, workspace.users.EDITOR);
  await page.getByRole("link", { name: "New document" }).click();
  await page.getByLabel("Paste text").check();
  await page.getByLabel("Title").fill("Pasted notes");
  await page.getByRole("button", { name: "Create document" }).click();
  await expect(page.getByText("The text is empty")).toBeVisible();

  const text = "Memorial reported 613 killed.\r\n\r\n  Thomas de Waal, Black Garden, pp. 169-172 😀\r\nCafe\u0301";
  await page.getByLabel("Document text").fill(text);
  await page.getByRole("button", { name: "Create document" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pasted notes" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Document text" })).toContainText("Thomas de Waal, Black Garden, pp. 169-172 😀");
  const id = page.url().split("/").pop()!;
  const body = await (await page.request.get(`/api/v1/documents/${id}`)).json();
  // Browsers submit textarea line breaks as CRLF; the stored text has LF and NFC.
  expect(body.text).toBe(text.replace(/\r\n/g, "\n").normalize("NFC"));
  expect(body.length).toBe([...body.text].length);
});

test("an editor uploads .txt and .md files; bad files get a clear message", async ({ page }) => {
  const workspace = await createWorkspace();
  await signIn(page, workspace.users.EDITOR);
  await page.goto("/documents/new");
  const files = page.getByLabel(/^Files \(PDF/);
  const item = (name: string) => page.locator(".import-item").filter({ hasText: name });

  await files.setInputFiles({ name: "latin1.txt", mimeType: "text/plain", buffer: Buffer.from([0x4c, 0x65, 0x20, 0x4d, 0x6f, 0x6e, 0x64, 0x65, 0xe9]) });
  await expect(item("latin1.txt").getByRole("alert")).toContainText("not valid UTF-8");

  await files.setInputFiles({ name: "scan.txt", mimeType: "text/plain", buffer: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]) });
  await expect(item("scan.txt").getByRole("alert")).toContainText("PDF");

  await files.setInputFiles({ name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(25 * 1024 * 1024 + 1, 0x61) });
  await expect(item("huge.txt").getByRole("alert")).toHaveText("The file is larger than the 25 MB limit");

  await files.setInputFiles({ name: "empty.md", mimeType: "text/markdown", buffer: Buffer.alloc(0) });
  await expect(item("empty.md").getByRole("alert")).toHaveText("The file is empty");
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  await files.setInputFiles({ name: "newsweek_1992-03-16.md", mimeType: "text/markdown", buffer: Buffer.from("# Newsweek\n\nThe massacre at Khojaly, 16 March 1992.\n", "utf8") });
  await expect(item("newsweek_1992-03-16.md").getByLabel("Title")).toHaveValue("Newsweek");
  await item("newsweek_1992-03-16.md").getByLabel("Title").fill("Newsweek, 16 March 1992");
  await page.getByRole("button", { name: "Import document" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 imported, 4 not imported" })).toBeVisible();
  await page.getByRole("link", { name: "Open “Newsweek, 16 March 1992”" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Newsweek, 16 March 1992" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Document text" })).toContainText("The massacre at Khojaly, 16 March 1992.");
});

test("an editor renames and deletes a document; an owner restores it", async ({ page, browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[1];
  await signIn(page, workspace.users.EDITOR);
  await page.goto(`/documents/${doc.id}`);
  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Title").fill("   ");
  await page.getByRole("button", { name: "Save title" }).click();
  await expect(page.getByText("Give the document a title")).toBeVisible();
  await page.getByLabel("Title").fill("Khojaly summary, checked");
  await page.getByRole("button", { name: "Save title" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Khojaly summary, checked" })).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/documents\?deleted=/);
  await expect(page.getByRole("link", { name: "Khojaly summary, checked" })).toHaveCount(0);
  expect((await page.goto(`/documents/${doc.id}`))?.status()).toBe(404);

  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, workspace.users.OWNER);
  await owner.goto(`/workspaces/${workspace.id}`);
  await owner.getByRole("button", { name: "Restore Khojaly summary, checked" }).click();
  await expect(owner.getByRole("button", { name: "Restore Khojaly summary, checked" })).toHaveCount(0);
  await owner.goto("/documents");
  await expect(owner.getByRole("link", { name: "Khojaly summary, checked" })).toBeVisible();
});
