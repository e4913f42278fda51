/**
 * `npm run bench -- large-document`: the rows of issue 14, "Large documents", against a production
 * build (`next start -p 3230`) on a fresh embedded PostgreSQL (profile "bench-large", port 54419).
 *
 * 1. Imports through the real API (POST /api/v1/documents, multipart `workspaceId` + `file`, a
 *    Bearer token of the demo editor): a 400-page PDF printed once per run with pdfkit from the
 *    corpus compilation (outside the timing) and a 5 MB web page (`htmlPageWithChrome` around the
 *    compilation repeated); each file extracted in this process (`extractDocument`), previewed
 *    (`?dryRun=1`) and stored, median and max of 3 runs.
 * 2. The reading view of the compilation repeated ten times (about 2 MB) with 5,000 annotations,
 *    in headless Chromium, 3 fresh tabs after one warm-up: text shown, every highlight painted, the
 *    longest main-thread task while opening and while scrolling the document from top to bottom,
 *    and the sidebar list scrolled to its end: every annotation reachable.
 *
 * `--smoke`: a 20-page PDF, a 200 KB page, a 400 KB text with 200 annotations, one run each, no
 * warm-up; exits non-zero when a page count, a text length, the painted highlights or the list's
 * entries are wrong (the full run too).
 *
 * For profiling: `--reading-only` skips the imports; `--trace=FILE` opens the document once more after
 * the warm-up (not recorded) with a Chrome trace into FILE and a V8 CPU profile (FILE.cpuprofile), and
 * prints where the main thread's time went up to painted (bench/lib/opening-trace.ts).
 */
import os from "node:os";
import type { BrowserContext, Page } from "@playwright/test";
import { codePointLength } from "../lib/documents/text";
import { extractDocument } from "../lib/intake/extract";
import { corpusText, CORPUS_FILES, htmlPageWithChrome, paragraphsOf, pdfFromText } from "../e2e/fixtures/intake-fixtures";
import { createApiToken } from "./lib/api-token";
import { startBench, startServer } from "./lib/app-server";
import { launchBrowser, SIGN_IN, signIn } from "./lib/browser";
import { copyCorpus, corpusDocument, CORPUS_TITLE, repeatedCorpus, spanRow } from "./lib/corpus-copy";
import { longestTaskBefore, longestTaskBetween, navigationPhases, observeLongTasks, pageNow, paintedRangeCount, PHASE_COLUMNS, phaseCells, waitForPaint, type TPhases } from "./lib/page-probes";
import { traceOpening } from "./lib/opening-trace";
import { generateSpans, seededRandom } from "./lib/spans";
import { formatMb, formatMs, markdownTable, median, medianAndMax } from "./lib/table";
import { scriptClient } from "../prisma/client";
import { createShutdown } from "../scripts/lib/database";

const SMOKE = process.argv.includes("--smoke");
const READING_ONLY = process.argv.includes("--reading-only");
const TRACE_FILE = process.argv.find((arg) => arg.startsWith("--trace="))?.slice("--trace=".length);
const RUNS = SMOKE ? 1 : 3;
const WARM_UP = !SMOKE;
const PORT = 3230;
const BASE_URL = `http://localhost:${PORT}`;
const SEED = 0x1a_2026;
const INSERT_BATCH = 1_000;
const WAIT_MS = 60_000;
/** `next start` on a busy 2-core machine can take a while to answer. */
const SERVER_WAIT_MS = 180_000;
const IMPORT_TIMEOUT_MS = 120_000;
/** The whole bench gives up (and cleans up) after this long. */
const DEADLINE_MS = 30 * 60_000;
const VIEWPORT = { width: 1280, height: 800 };

const PDF_PAGES = SMOKE ? 20 : 400;
/** Paragraphs of the compilation per printed page: about 1,700 characters, each page started anew so the file has exactly PDF_PAGES. */
const PARAGRAPHS_PER_PAGE = 20;
const HTML_BYTES = SMOKE ? 200 * 1024 : 5 * 1024 * 1024;
const READ_COPIES = SMOKE ? 2 : 10;
const READ_COUNT = SMOKE ? 200 : 5_000;
/** Wheel steps from the top of the document to its end, a pause after each: a few seconds of fast reading. */
const SCROLL_STEPS = SMOKE ? 10 : 40;
const SCROLL_PAUSE_MS = 100;
/** The list is at its end when this many rounds of scrolling it to the bottom brought no new entry. */
const LIST_SETTLED_ROUNDS = 5;

/** Issue 14, "Large documents". */
const TARGETS = { pdfImport: "≤ 10,000 ms", textShown: "≤ 1,000 ms", painted: "≤ 1,500 ms", longestTask: "≤ 200 ms" };

type TFile = { label: string; name: string; mediaType: string; bytes: Buffer; pagesInFile: number | null; target: string };
type TImportRun = { extractMs: number; dryRunMs: number; storedMs: number; extracted: TFigures; dryRun: TFigures; stored: TFigures };
type TFigures = { length: number; pages: number | null };
type TReadingDocument = { id: string; count: number; length: number; bytes: number };
type TReading = {
  navToPainted: number;
  phases: TPhases;
  openingTask: number;
  paintedRanges: number;
  scroll: { longestTask: number; ms: number; height: number; steps: number; atEnd: boolean };
  list: { entries: number; ms: number; longestTask: number };
};

const shutdown = createShutdown();

function log(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------- files

/** Pages in a pdfkit file: its page objects (pdfkit writes object dictionaries uncompressed). */
function pdfPageObjects(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

/** The PDF (PDF_PAGES pages of the compilation's paragraphs, cycled) and the web page (the compilation repeated to ~HTML_BYTES). */
async function buildFiles(): Promise<TFile[]> {
  const text = corpusText(CORPUS_FILES.compilation);
  const paragraphs = paragraphsOf(text);
  const book = Array.from({ length: PDF_PAGES * PARAGRAPHS_PER_PAGE }, (_, i) => paragraphs[i % paragraphs.length]).join("\n\n");
  const started = performance.now();
  const pdf = await pdfFromText(book, { pages: PDF_PAGES, info: { title: "Khojaly Genocide (compilation, book length)", author: "Presidential Library" } });
  const pagesInFile = pdfPageObjects(pdf);
  log(`printed a ${pagesInFile}-page PDF (${formatMb(pdf.byteLength)} MB) with pdfkit in ${formatMs(performance.now() - started)} ms (not timed below)`);

  const title = "Khojaly Genocide: a compilation";
  const copies = Math.max(1, Math.round(HTML_BYTES / Buffer.byteLength(htmlPageWithChrome(text, { title }))));
  const html = Buffer.from(htmlPageWithChrome(Array(copies).fill(text).join("\n"), { title }));
  log(`web page: the compilation ${copies} times in ${formatMb(html.byteLength)} MB of HTML`);
  return [
    { label: `PDF, ${PDF_PAGES} pages`, name: "compilation-book.pdf", mediaType: "application/pdf", bytes: pdf, pagesInFile, target: TARGETS.pdfImport },
    { label: `web page, ${formatMb(html.byteLength)} MB`, name: "compilation-page.html", mediaType: "text/html", bytes: html, pagesInFile: null, target: "—" },
  ];
}

// ---------------------------------------------------------------- data

/** The long document with its annotations inserted directly, and a token for the imports. */
async function createBenchData(databaseUrl: string): Promise<{ document: TReadingDocument; token: string; workspaceId: string }> {
  const prisma = scriptClient(databaseUrl);
  try {
    const editor = await prisma.user.findUniqueOrThrow({ where: { email: SIGN_IN.email }, select: { id: true } });
    const long = repeatedCorpus(await corpusDocument(prisma), READ_COPIES);
    const copy = await copyCorpus(prisma, long, { label: `${READ_COPIES} times, ${READ_COUNT.toLocaleString("en-US")} annotations`, createdById: editor.id });
    const spans = generateSpans(READ_COUNT, long.length, seededRandom(SEED));
    const rows = spans.map((span) => ({ ...spanRow(long, copy, span), createdById: editor.id, updatedById: editor.id }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) await prisma.annotation.createMany({ data: rows.slice(i, i + INSERT_BATCH) });
    const token = await createApiToken(prisma, editor.id, "large-document bench");
    return { document: { id: copy.id, count: READ_COUNT, length: long.length, bytes: Buffer.byteLength(long.text) }, token, workspaceId: long.workspaceId };
  } finally {
    await prisma.$disconnect();
  }
}

// ---------------------------------------------------------------- imports

async function extractInProcess(file: TFile): Promise<{ ms: number; figures: TFigures }> {
  const started = performance.now();
  const extracted = await extractDocument({ bytes: file.bytes, fileName: file.name });
  const ms = performance.now() - started;
  return { ms, figures: { length: codePointLength(extracted.text), pages: extracted.pageCount } };
}

/** POST /api/v1/documents with the file; request sent to the whole answer read. */
async function importThroughApi(file: TFile, auth: { token: string; workspaceId: string }, dryRun: boolean): Promise<{ ms: number; figures: TFigures }> {
  const form = new FormData();
  form.set("workspaceId", auth.workspaceId);
  form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.mediaType }), file.name);
  const started = performance.now();
  const response = await fetch(`${BASE_URL}/api/v1/documents${dryRun ? "?dryRun=1" : ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${auth.token}`, accept: "application/json" },
    body: form,
    signal: AbortSignal.timeout(IMPORT_TIMEOUT_MS),
  }).catch((error: unknown) => {
    throw new Error(`POST /api/v1/documents (${file.name}) failed after ${formatMs(performance.now() - started)} ms: ${String(error)} (${String((error as Error).cause)})`);
  });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== (dryRun ? 200 : 201)) throw new Error(`POST /api/v1/documents${dryRun ? "?dryRun=1" : ""} (${file.name}) answered ${response.status}: ${body.slice(0, 500)}`);
  const answer = JSON.parse(body) as { preview?: { length: number; pageCount: number | null }; length: number; pages: unknown[] | null };
  const figures = answer.preview ? { length: answer.preview.length, pages: answer.preview.pageCount } : { length: answer.length, pages: answer.pages?.length ?? null };
  return { ms, figures };
}

/** The extraction in this process, RUNS times; before the server starts, so nothing else runs meanwhile. */
async function measureExtraction(file: TFile): Promise<Array<{ ms: number; figures: TFigures }>> {
  const runs: Array<{ ms: number; figures: TFigures }> = [];
  for (let run = 1; run <= RUNS; run++) {
    runs.push(await extractInProcess(file));
    log(`${file.label}: extractDocument ${run}/${RUNS}: ${formatMs(runs[runs.length - 1].ms)} ms`);
  }
  return runs;
}

/**
 * The dry run and the stored import, RUNS times, one request right after the other: an idle
 * keep-alive connection that the server closes (after 5 s) just as a POST goes out fails the POST.
 */
async function measureImport(file: TFile, extractions: ReadonlyArray<{ ms: number; figures: TFigures }>, auth: { token: string; workspaceId: string }): Promise<TImportRun[]> {
  const runs: TImportRun[] = [];
  for (const [i, extracted] of extractions.entries()) {
    const dryRun = await importThroughApi(file, auth, true);
    const stored = await importThroughApi(file, auth, false);
    runs.push({ extractMs: extracted.ms, dryRunMs: dryRun.ms, storedMs: stored.ms, extracted: extracted.figures, dryRun: dryRun.figures, stored: stored.figures });
    log(`${file.label}: run ${i + 1}/${RUNS}: dry run ${formatMs(dryRun.ms)} ms, stored ${formatMs(stored.ms)} ms`);
  }
  return runs;
}

/** Every run found the file's pages (a PDF) and the same text length in process, in the preview and stored. */
function importOk(file: TFile, runs: readonly TImportRun[]): boolean {
  return runs.every((r) => {
    const all = [r.extracted, r.dryRun, r.stored];
    return all.every((f) => f.length === r.extracted.length && f.length > 0 && f.pages === file.pagesInFile);
  });
}

// ---------------------------------------------------------------- reading view

/** Wheels the document from the top to its end in SCROLL_STEPS steps; the longest task meanwhile. */
async function scrollDocument(page: Page): Promise<TReading["scroll"]> {
  const text = await page.locator(".document-text").boundingBox();
  if (!text) throw new Error("no .document-text on the page");
  await page.mouse.move(text.x + Math.min(200, text.width / 2), VIEWPORT.height / 2);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = Math.ceil((height - VIEWPORT.height) / SCROLL_STEPS);
  const atEnd = () => page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
  const from = await pageNow(page);
  let steps = 0;
  // content-visibility: auto sizes blocks not yet rendered by estimate, so the end may move while scrolling.
  while (steps < SCROLL_STEPS * 3 && !(await atEnd())) {
    await page.mouse.wheel(0, step);
    await page.waitForTimeout(SCROLL_PAUSE_MS);
    steps++;
  }
  const until = await pageNow(page);
  return { longestTask: await longestTaskBetween(page, from, until), ms: until - from, height, steps, atEnd: await atEnd() };
}

/** Scrolls the sidebar ("Annotations") to its end until no more entries load; the entries then. */
async function reachEveryEntry(page: Page): Promise<TReading["list"]> {
  const sidebar = page.getByRole("region", { name: "Annotations", exact: true });
  const from = await pageNow(page);
  let entries = 0;
  let lastGrowth = from;
  for (let still = 0; still < LIST_SETTLED_ROUNDS; ) {
    const now = await sidebar.evaluate(async (element) => {
      element.scrollTop = element.scrollHeight;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { entries: element.querySelectorAll(".annotation-list > .annotation-item").length, at: performance.now() };
    });
    if (now.entries > entries) [entries, lastGrowth, still] = [now.entries, now.at, 0];
    else still++;
  }
  return { entries, ms: lastGrowth - from, longestTask: await longestTaskBetween(page, from, await pageNow(page)) };
}

async function openLarge(context: BrowserContext, document: TReadingDocument, traceFile?: string): Promise<TReading> {
  const page = await context.newPage();
  try {
    await page.addInitScript(observeLongTasks);
    const trace = traceFile ? await traceOpening(context, page, traceFile) : null;
    await page.goto(`${BASE_URL}/documents/${document.id}`, { waitUntil: "commit" });
    const paint = await waitForPaint(page, document.count, 0, WAIT_MS);
    await trace?.stop(paint.end);
    const openingTask = await longestTaskBefore(page, paint.end);
    const phases = await navigationPhases(page, document.count);
    const paintedRanges = await paintedRangeCount(page);
    const scroll = await scrollDocument(page);
    const list = await reachEveryEntry(page);
    return { navToPainted: paint.end, phases, openingTask, paintedRanges, scroll, list };
  } finally {
    await page.close();
  }
}

async function measureReading(context: BrowserContext, document: TReadingDocument): Promise<TReading[]> {
  if (WARM_UP) {
    log("reading view: warm-up open");
    await openLarge(context, document);
  }
  if (TRACE_FILE) {
    log("reading view: traced open (not recorded: tracing and profiling slow it down)");
    await openLarge(context, document, TRACE_FILE);
  }
  const runs: TReading[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await openLarge(context, document);
    runs.push(r);
    log(
      `reading view: run ${run}/${RUNS}: text shown ${formatMs(r.phases.textShown)} ms, painted ${formatMs(r.navToPainted)} ms, ` +
        `scrolled ${r.scroll.steps} steps in ${formatMs(r.scroll.ms)} ms, ${r.list.entries} entries in the list`,
    );
  }
  return runs;
}

const readingOk = (document: TReadingDocument, runs: readonly TReading[]) =>
  runs.every((r) => r.paintedRanges === document.count && r.list.entries === document.count && r.scroll.atEnd);

// ---------------------------------------------------------------- tables

const IMPORT_HEADERS = ["file", "size, MB", "pages", "text, code points", "extractDocument in process, ms", "dry run (preview), ms", "import (stored), ms", "target", "counts"];

function importRow(file: TFile, runs: readonly TImportRun[]): string[] {
  const first = runs[0];
  const pages = file.pagesInFile === null ? "—" : `${first.extracted.pages ?? "none"} of ${file.pagesInFile}`;
  return [
    file.label,
    formatMb(file.bytes.byteLength),
    pages,
    first.extracted.length.toLocaleString("en-US"),
    medianAndMax(runs.map((r) => r.extractMs), formatMs),
    medianAndMax(runs.map((r) => r.dryRunMs), formatMs),
    medianAndMax(runs.map((r) => r.storedMs), formatMs),
    file.target,
    importOk(file, runs) ? "ok" : `MISMATCH: ${runs.map((r) => [r.extracted, r.dryRun, r.stored].map((f) => `${f.length}/${f.pages}`).join(", ")).join("; ")}`,
  ];
}

const READING_HEADERS = [
  "document",
  "annotations",
  "text shown, ms",
  "target",
  "all highlights painted, ms",
  "target",
  "longest task opening, ms",
  "target",
  "longest task scrolling, ms",
  "target",
  "painted ranges",
  "list: entries reachable",
  "longest task in the list, ms",
];

function readingRow(document: TReadingDocument, runs: readonly TReading[]): string[] {
  const pick = (f: (r: TReading) => number) => runs.map(f);
  const counts = (values: number[]) => (values.every((v) => v === document.count) ? `${document.count.toLocaleString("en-US")} ok` : `MISMATCH: ${values.join(", ")}`);
  return [
    `${formatMb(document.bytes)} MB`,
    document.count.toLocaleString("en-US"),
    medianAndMax(pick((r) => r.phases.textShown), formatMs),
    TARGETS.textShown,
    medianAndMax(pick((r) => r.navToPainted), formatMs),
    TARGETS.painted,
    medianAndMax(pick((r) => r.openingTask), formatMs),
    TARGETS.longestTask,
    medianAndMax(pick((r) => r.scroll.longestTask), formatMs),
    TARGETS.longestTask,
    counts(pick((r) => r.paintedRanges)),
    counts(pick((r) => r.list.entries)),
    medianAndMax(pick((r) => r.list.longestTask), formatMs),
  ];
}

function scrollNote(runs: readonly TReading[]): string {
  const r = runs[0];
  const ends = runs.every((run) => run.scroll.atEnd) ? "reached the end every run" : "DID NOT REACH THE END in every run";
  return (
    `document ${Math.round(r.scroll.height).toLocaleString("en-US")} px high at first (content-visibility: auto estimates blocks not yet rendered); ` +
    `scrolled with the mouse wheel in steps of ${Math.ceil((r.scroll.height - VIEWPORT.height) / SCROLL_STEPS).toLocaleString("en-US")} px, ${SCROLL_PAUSE_MS} ms apart, ` +
    `${median(runs.map((run) => run.scroll.steps))} steps in ${formatMs(median(runs.map((run) => run.scroll.ms)))} ms (median), ${ends}; ` +
    `the list reached its end in ${formatMs(median(runs.map((run) => run.list.ms)))} ms (median; the sidebar scrolled to its bottom, rounds of two frames and 50 ms, until ${LIST_SETTLED_ROUNDS} rounds brought no entry)`
  );
}

function printReport(browserVersion: string, files: readonly TFile[], imports: readonly TImportRun[][], document: TReadingDocument, reading: readonly TReading[]) {
  const runs = SMOKE ? `${RUNS} run (smoke: figures are indicative only)` : `median / max of ${RUNS} runs`;
  console.log(`\nLarge documents (issue 14): imports through POST /api/v1/documents, next start (production build), ${os.cpus().length} cores; ${runs}.\n`);
  if (files.length) console.log(markdownTable(IMPORT_HEADERS, files.map((file, i) => importRow(file, imports[i])), new Set([0, 2, 7, 8])));
  if (files.length) console.log(
    `\nThe PDF: pdfkit, A4, DejaVu Sans 11 pt, ${PARAGRAPHS_PER_PAGE} paragraphs of "${CORPUS_TITLE}" per page; the web page: htmlPageWithChrome ` +
      "(menu, cookie banner, sidebar, footer, scripts) around the compilation repeated. extractDocument: lib/intake/extract.ts in the bench's own process " +
      "(Node, no server). dry run: POST …?dryRun=1 (extract, preview; nothing stored). import: POST, the document, its original and pages stored; " +
      "request sent to the whole answer read (it returns the text), multipart upload with a Bearer token of editor@example.com. " +
      "pages: those the extraction found, of the page objects in the file. counts: the same text length (and pages) in process, in the preview and stored.",
  );
  const readingRuns = WARM_UP ? `median / max of ${RUNS} fresh tabs after one warm-up` : `${RUNS} run, no warm-up (smoke)`;
  console.log(`\nReading view of "${CORPUS_TITLE}" ${READ_COPIES} times (${document.length.toLocaleString("en-US")} code points), headless Chromium ${browserVersion}; ${readingRuns}:\n`);
  console.log(markdownTable(READING_HEADERS, [readingRow(document, reading)], new Set([3, 5, 7, 9, 10, 11])));
  console.log(
    "\ntext shown: first contentful paint. all highlights painted: navigation start to the end of the pv:paint measure that painted every annotation " +
      "(every range is in CSS.highlights; the browser paints those in view). longest task opening: main thread, started before that; scrolling: " +
      "started while the document was wheeled from top to end; in the list: while the sidebar was scrolled to its end (\"none\": no task over 50 ms). " +
      `list: entries in .annotation-list once scrolling loads no more (100 are rendered at first, 100 more each time its end scrolls into view). ${scrollNote(reading)}.`,
  );
  console.log("\nWhere the time to painted goes (medians; ms from navigation start, HTML decoded size, elements once painted):\n");
  console.log(markdownTable(["annotations", ...PHASE_COLUMNS], [[document.count.toLocaleString("en-US"), ...phaseCells(reading)]]));
}

// ---------------------------------------------------------------- main

async function main() {
  const files = READING_ONLY ? [] : await buildFiles();
  const databaseUrl = await startBench({ shutdown, profile: "bench-large", deadlineMs: DEADLINE_MS });
  const { document, token, workspaceId } = await createBenchData(databaseUrl);
  log(`inserted ${READ_COUNT.toLocaleString("en-US")} annotations on a ${formatMb(document.bytes)} MB copy of the compilation`);
  const extractions = [];
  for (const file of files) extractions.push(await measureExtraction(file));
  await startServer({ databaseUrl, port: PORT, waitMs: SERVER_WAIT_MS, shutdown });

  const imports: TImportRun[][] = [];
  for (const [i, file] of files.entries()) imports.push(await measureImport(file, extractions[i], { token, workspaceId }));

  const browser = await launchBrowser(shutdown);
  const context = await browser.newContext({ viewport: VIEWPORT });
  await signIn(context, BASE_URL, WAIT_MS);
  const reading = await measureReading(context, document);

  printReport(browser.version(), files, imports, document, reading);
  const failures = [...files.filter((file, i) => !importOk(file, imports[i])).map((file) => file.label), ...(readingOk(document, reading) ? [] : ["reading view"])];
  if (failures.length) console.error(`[bench] wrong counts: ${failures.join(", ")}`);
  shutdown.exit(failures.length ? 1 : 0);
}

main().catch((error) => {
  console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
  shutdown.exit(1);
});
