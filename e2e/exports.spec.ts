import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { CSV_COLUMNS } from "../lib/exports/csv";
import { codePointLength, sha256Hex } from "../lib/documents/text";
import { cslSchemaErrors } from "../lib/testing/csl-schema";
import { w3cCollectionErrors } from "../lib/testing/w3c-schema";
import { CAMPAIGN, createAnnotation, createEvidence, createSource } from "./fixtures/annotator";
import { apiSignIn, createWorkspace, prisma, signIn, type TWorkspace } from "./fixtures/factories";

const today = () => new Date().toISOString().slice(0, 10);

/** The campaign page with annotations in four statuses, one of them noted "=1+1 …". */
async function campaignWorkspace() {
  const ws = await createWorkspace({ corpus: true, name: "Khojaly desk" });
  const doc = ws.documents.find((d) => d.title === CAMPAIGN)!;
  const memorial = await createSource({ workspaceId: ws.id, userId: ws.users.EDITOR.id, title: "Report on Khojaly", authors: [{ literal: "Memorial Human Rights Centre" }] });
  await prisma().source.update({ where: { id: memorial.id }, data: { kind: "REPORT", url: "https://memo.example/khojaly", issued: "1992" } });
  const dewaal = await createSource({ workspaceId: ws.id, userId: ws.users.EDITOR.id, title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }] });
  const by = ws.users.REVIEWER.id;
  const verified = await createAnnotation({ documentId: doc.id, userId: by, needle: "over 7 thousand people", status: "VERIFIED", sourceId: memorial.id, locator: "p. 4" });
  await createEvidence({ annotationId: verified.id, userId: by, passage: "about 7,000 inhabitants", sourceId: memorial.id });
  const contradicted = await createAnnotation({ documentId: doc.id, userId: by, needle: "366th regiment", status: "CONTRADICTED", sourceId: dewaal.id, note: "=1+1 says the regiment left earlier" });
  await createEvidence({ annotationId: contradicted.id, userId: by, passage: "the regiment had withdrawn", stance: "CONTRADICTS", sourceId: dewaal.id });
  const partly = await createAnnotation({ documentId: doc.id, userId: by, needle: "February 25, 1992", status: "PARTLY_VERIFIED", sourceId: memorial.id, note: 'Says "26 February", not 25' });
  await createEvidence({ annotationId: partly.id, userId: by, passage: "in the night of 25 to 26 February", sourceId: memorial.id });
  await createAnnotation({ documentId: doc.id, userId: by, needle: "Day of Khojaly genocide", status: "UNVERIFIED" });
  return { ws, doc, quotes: ["over 7 thousand people", "366th regiment", "February 25, 1992", "Day of Khojaly genocide"] };
}

const BULK_TEXT = "Memorial reported 613 killed in Khojaly, according to Newsweek of 16 March 1992.";

/** `count` short documents in the workspace, the first `annotated` of them (all by default) with three annotations each, written in bulk. */
async function bulkDocuments(ws: Pick<TWorkspace, "id" | "users">, count: number, annotated = count) {
  const docs = await prisma().document.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      workspaceId: ws.id,
      title: `Bulk ${String(i).padStart(5, "0")} ${randomUUID().slice(0, 4)}`,
      text: BULK_TEXT,
      sha256: sha256Hex(BULK_TEXT),
      length: codePointLength(BULK_TEXT),
      createdById: ws.users.OWNER.id,
    })),
    select: { id: true },
  });
  const spans = [
    { start: 0, end: 8 },
    { start: 18, end: 21 },
    { start: 55, end: 63 },
  ];
  await prisma().annotation.createMany({
    data: docs.slice(0, annotated).flatMap((d) =>
      spans.map((span) => ({
        workspaceId: ws.id,
        documentId: d.id,
        documentRevision: 1,
        ...span,
        exact: BULK_TEXT.slice(span.start, span.end),
        prefix: BULK_TEXT.slice(Math.max(0, span.start - 32), span.start),
        suffix: BULK_TEXT.slice(span.end, span.end + 32),
        createdById: ws.users.REVIEWER.id,
        updatedById: ws.users.REVIEWER.id,
      })),
    ),
  });
  return docs;
}

function expectFile(response: APIResponse, contentType: string, fileName: string) {
  expect(response.status(), `${fileName}: ${response.status()}`).toBe(200);
  expect(response.headers()["content-type"]).toBe(contentType);
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${fileName}"; filename*=UTF-8''${fileName}`);
}

test("every format of the campaign page's report downloads through the API, for a viewer", async ({ request }) => {
  const { ws, doc, quotes } = await campaignWorkspace();
  await apiSignIn(request, ws.users.VIEWER);
  const url = (format: string, extra = "") => `/api/v1/documents/${doc.id}/export?format=${format}${extra}`;
  const name = (ext: string) => `justice-for-khojaly-campaign-page-${today()}.${ext}`;

  const pdf = await request.get(url("pdf"));
  expectFile(pdf, "application/pdf", name("pdf"));
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  const html = await request.get(url("html"));
  expectFile(html, "text/html; charset=utf-8", name("html"));
  const md = await request.get(url("md"));
  expectFile(md, "text/markdown; charset=utf-8", name("md"));
  for (const text of [await html.text(), await md.text()]) for (const quote of quotes) expect(text).toContain(quote);

  const csvResponse = await request.get(url("csv"));
  expectFile(csvResponse, "text/csv; charset=utf-8", name("csv"));
  const csvBytes = await csvResponse.body();
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(csvBytes.toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
  expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS.map(([header]) => header));
  expect(rows.map((r) => [r.Quote, r.Status, r["Source title"]])).toEqual([
    ["Day of Khojaly genocide", "Unverified", ""],
    ["over 7 thousand people", "Verified", "Report on Khojaly"],
    ["February 25, 1992", "Partly verified", "Report on Khojaly"],
    ["366th regiment", "Contradicted", "Black Garden"],
  ]);
  expect(rows[3].Note).toBe("'=1+1 says the regiment left earlier");
  expect(rows[2].Note).toBe('Says "26 February", not 25');
  expect(rows[1]).toMatchObject({ Document: CAMPAIGN, "Document ID": doc.id, Locator: "p. 4", "Evidence count": "1", "Source authors": "Memorial Human Rights Centre", "Source URL": "https://memo.example/khojaly" });

  const jsonResponse = await request.get(url("json", "&comments=1"));
  expectFile(jsonResponse, "application/json; charset=utf-8", name("json"));
  const data = await jsonResponse.json();
  // The schema the export names is served by the app, and the export is valid against it.
  const schemaResponse = await request.get(new URL(data.$schema).pathname);
  expect(schemaResponse.status()).toBe(200);
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(await schemaResponse.json());
  expect(validate(data) ? [] : validate.errors).toEqual([]);
  expect(data.documents[0].annotations.map((a: { status: string }) => a.status)).toEqual(["UNVERIFIED", "VERIFIED", "PARTLY_VERIFIED", "CONTRADICTED"]);

  const w3cResponse = await request.get(url("w3c"));
  expectFile(w3cResponse, 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', name("w3c.jsonld"));
  const collection = await w3cResponse.json();
  expect(w3cCollectionErrors(collection)).toEqual([]);
  expect(collection.total).toBe(4);
  const origin = new URL(w3cResponse.url()).origin;
  // The target source is the document itself: its address as `id`, with what is known of it (format, provenance).
  expect(collection.first.items[1].target.source).toMatchObject({ id: `${origin}/documents/${doc.id}`, type: "Text", format: "text/plain" });
  expect(collection.first.items[1].target.selector[0]).toMatchObject({ type: "TextQuoteSelector", exact: "over 7 thousand people" });

  const claimResponse = await request.get(url("claimreview"));
  expectFile(claimResponse, "application/ld+json; charset=utf-8", name("claimreview.jsonld"));
  const reviews = await claimResponse.json();
  expect(reviews.map((r: { claimReviewed: string; reviewRating: { alternateName: string; ratingValue: number } }) => [r.claimReviewed, r.reviewRating.alternateName, r.reviewRating.ratingValue])).toEqual([
    ["over 7 thousand people", "Verified", 5],
    ["February 25, 1992", "Partly verified", 4],
    ["366th regiment", "Contradicted", 1],
  ]);
  expect(reviews[0]).toMatchObject({ "@context": "https://schema.org", "@type": "ClaimReview", author: { "@type": "Organization", name: "Khojaly desk" } });

  const csl = await request.get(url("csl"));
  expectFile(csl, "application/vnd.citationstyles.csl+json", name("csl.json"));
  const items = await csl.json();
  expect(cslSchemaErrors(items)).toEqual([]);
  expect(items.map((i: { title: string }) => i.title)).toEqual(["Black Garden", "Report on Khojaly"]);
  const bib = await request.get(url("bibtex"));
  expectFile(bib, "application/x-bibtex; charset=utf-8", name("bib"));
  expect(await bib.text()).toContain("@book{dewaalblack,");

  // Only some statuses.
  const some = await request.get(url("csv", "&statuses=VERIFIED,CONTRADICTED&text=0"));
  expect((parse((await some.body()).toString("utf8"), { bom: true, columns: true }) as Record<string, string>[]).map((r) => r.Status)).toEqual(["Verified", "Contradicted"]);
});

test("export URLs refuse bad queries and other workspaces", async ({ request }) => {
  const { ws, doc } = await campaignWorkspace();
  await apiSignIn(request, ws.users.VIEWER);
  const unknown = await request.get(`/api/v1/documents/${doc.id}/export?format=csv&colour=red`);
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.fields).toEqual({ colour: "Unknown field" });
  const badFormat = await request.get(`/api/v1/documents/${doc.id}/export?format=docx`);
  expect(badFormat.status()).toBe(422);
  expect((await badFormat.json()).error.fields.format).toMatch(/^Use one of pdf, html/);
  expect((await request.get(`/api/v1/documents/${doc.id}/export?format=csv&statuses=MAYBE`)).status()).toBe(422);
  expect((await request.get(`/api/v1/documents/${doc.id}/export`)).status()).toBe(422);

  const workspace = await request.get(`/api/v1/workspaces/${ws.id}/export?format=csv&documents=${doc.id}`);
  expectFile(workspace, "text/csv; charset=utf-8", `khojaly-desk-${today()}.csv`);

  const other = await createWorkspace();
  const [otherDoc] = await bulkDocuments(other, 1);
  expect((await request.get(`/api/v1/documents/${otherDoc.id}/export?format=csv`)).status()).toBe(404);
  expect((await request.get(`/api/v1/workspaces/${other.id}/export?format=csv`)).status()).toBe(404);
  expect((await request.post(`/api/v1/workspaces/${other.id}/exports`, { data: { format: "csv" } })).status()).toBe(404);

  // A job is its owner's: another member of the same workspace gets 404.
  const started = await request.post(`/api/v1/workspaces/${ws.id}/exports`, { data: { format: "csv" } });
  expect(started.status()).toBe(202);
  const { job } = await started.json();
  await expect.poll(async () => (await (await request.get(`/api/v1/exports/${job.id}`)).json()).state).toBe("DONE");
  const download = await request.get(`/api/v1/exports/${job.id}/download`);
  expectFile(download, "text/csv; charset=utf-8", `khojaly-desk-${today()}.csv`);
  expect((await request.post(`/api/v1/exports/${job.id}/cancel`)).status()).toBe(409);
  await apiSignIn(request, ws.users.OWNER);
  expect((await request.get(`/api/v1/exports/${job.id}`)).status()).toBe(404);
  expect((await request.get(`/api/v1/exports/${job.id}/download`)).status()).toBe(404);
  expect((await request.post(`/api/v1/exports/${job.id}/cancel`)).status()).toBe(404);
  expect((await request.post(`/api/v1/workspaces/${ws.id}/exports`, { data: { format: "csv", colour: "red" } })).status()).toBe(400);
  expect((await request.post(`/api/v1/workspaces/${ws.id}/exports`, { data: { format: "docx" } })).status()).toBe(422);
});

test("a workspace export shows its progress, and the file downloads when it is ready", async ({ page, request }) => {
  // A thousand documents are read twice (report page, then export): more than the default minute under load.
  test.slow();
  const ws = await createWorkspace({ name: `Bulk desk ${randomUUID().slice(0, 6)}` });
  // Enough documents that the export takes well over the second after which progress shows (a
  // few milliseconds each); annotations on only some keep the report page light.
  const docs = await bulkDocuments(ws, 1000, 20);
  await signIn(page, ws.users.VIEWER);
  await page.goto(`/reports?workspace=${ws.id}&text=0`);
  const exporter = page.getByRole("region", { name: "Export", exact: true });
  await exporter.getByLabel("Format").selectOption({ label: "CSV, one row per annotation" });
  const downloaded = page.waitForEvent("download");
  await exporter.getByRole("button", { name: "Export", exact: true }).click();

  await expect(exporter.getByRole("progressbar", { name: "Export progress" })).toBeVisible();
  await expect(exporter.getByRole("status").filter({ hasText: /^\d+ of 1,000 documents$/ })).toBeVisible();
  await expect(exporter.getByRole("button", { name: "Cancel" })).toBeEnabled();
  await expect(exporter.getByRole("button", { name: "Exporting…" })).toBeDisabled();
  // Nothing waits on the export: the API answers, and the page's own controls still work.
  await apiSignIn(request, ws.users.VIEWER);
  expect((await request.get(`/api/v1/workspaces/${ws.id}`)).status()).toBe(200);
  await page.getByLabel("Comments").check();
  await expect(page.getByLabel("Comments")).toBeChecked();

  const download = await downloaded;
  const fileName = `${ws.name.toLowerCase().replace(/ /g, "-")}-${today()}.csv`;
  expect(download.suggestedFilename()).toBe(fileName);
  const rows = parse(fs.readFileSync(await download.path()), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(60);
  expect(new Set(rows.map((r) => r["Document ID"]))).toEqual(new Set(docs.slice(0, 20).map((d) => d.id)));
  await expect(exporter.getByRole("status").filter({ hasText: `${fileName} is ready and downloading.` })).toBeVisible();
  await expect(exporter.getByRole("progressbar")).toHaveCount(0);
  await expect(exporter.getByRole("button", { name: "Export", exact: true })).toBeEnabled();
  const job = await prisma().exportJob.findFirstOrThrow({ where: { workspaceId: ws.id }, select: { state: true, done: true, total: true, userId: true } });
  expect(job).toEqual({ state: "DONE", done: 1000, total: 1000, userId: ws.users.VIEWER.id });
});

test("a running workspace export can be cancelled, and leaves no file", async ({ page }) => {
  test.slow();
  const ws = await createWorkspace();
  // Large enough that the export is still running when Cancel is pressed (about a document every 10 ms here).
  await bulkDocuments(ws, 800);
  await signIn(page, ws.users.EDITOR);
  // Only verified annotations (none here): the page stays light, and the export still reads every document.
  await page.goto(`/reports?workspace=${ws.id}&text=0&statuses=VERIFIED`);
  const exporter = page.getByRole("region", { name: "Export", exact: true });
  await exporter.getByLabel("Format").selectOption({ label: "PDF report" });
  await exporter.getByRole("button", { name: "Export", exact: true }).click();
  await expect(exporter.getByRole("progressbar", { name: "Export progress" })).toBeVisible();
  await exporter.getByRole("button", { name: "Cancel" }).click();

  await expect(exporter.getByRole("status").filter({ hasText: "Export cancelled." })).toBeVisible();
  await expect(exporter.getByRole("progressbar")).toHaveCount(0);
  const job = await prisma().exportJob.findFirstOrThrow({ where: { workspaceId: ws.id }, select: { id: true, state: true, done: true, total: true, result: true } });
  expect(job).toMatchObject({ state: "CANCELLED", total: 800, result: null });
  expect(job.done).toBeLessThan(800);
  const download = await page.request.get(`/api/v1/exports/${job.id}/download`);
  expect(download.status()).toBe(409);
  expect((await download.json()).error.message).toBe("The export was cancelled");
});

test("a direct workspace export beyond 10 documents answers 202 with a job whose file downloads when done", async ({ request }) => {
  const ws = await createWorkspace({ name: `Direct desk ${randomUUID().slice(0, 6)}` });
  const docs = await bulkDocuments(ws, 11, 2);
  await apiSignIn(request, ws.users.VIEWER);
  const few = await request.get(`/api/v1/workspaces/${ws.id}/export?format=csv&documents=${docs[0].id},${docs[1].id}`);
  expect(few.status()).toBe(200);
  expect(few.headers()["content-type"]).toBe("text/csv; charset=utf-8");

  const all = await request.get(`/api/v1/workspaces/${ws.id}/export?format=csv`);
  expect(all.status()).toBe(202);
  const { job } = (await all.json()) as { job: { id: string; state: string; total: number } };
  expect(job).toMatchObject({ state: "RUNNING", total: 11 });
  expect(all.headers()["location"]).toBe(`/api/v1/exports/${job.id}`);
  await expect.poll(async () => (await (await request.get(`/api/v1/exports/${job.id}`)).json()).state, { timeout: 30_000 }).toBe("DONE");
  const file = await request.get(`/api/v1/exports/${job.id}/download`);
  const rows = parse(await file.body(), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(6);
});

test("parallel export requests of one member stop at three running: the rest get 429", async ({ playwright, baseURL }) => {
  const ws = await createWorkspace({ name: `Parallel desk ${randomUUID().slice(0, 6)}` });
  // Large enough that none of them finishes during the burst.
  await bulkDocuments(ws, 400, 0);
  const contexts: APIRequestContext[] = [];
  try {
    const member = await playwright.request.newContext({ baseURL });
    contexts.push(member);
    await apiSignIn(member, ws.users.EDITOR);
    const answers = await Promise.all(Array.from({ length: 8 }, () => member.post(`/api/v1/workspaces/${ws.id}/exports`, { data: { format: "pdf" } })));
    const statuses = answers.map((a) => a.status()).sort();
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429, 429, 429]);
    expect(await prisma().exportJob.count({ where: { workspaceId: ws.id } })).toBe(3);
    // Cancelled, so that they do not hold the queue for the other tests.
    for (const answer of answers.filter((a) => a.status() === 202)) {
      const { job } = (await answer.json()) as { job: { id: string } };
      expect((await member.post(`/api/v1/exports/${job.id}/cancel`)).status()).toBe(200);
    }
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
});
