/**
 * `npm run bench:reading`: how fast the reading view opens the 195 KB corpus document with 500, 2,000
 * and 5,000 annotations, in headless Chromium against a production build (`next start`) on a fresh
 * embedded PostgreSQL (.data/pg-bench, port 54349; the app on port 3200). Prints one table; it has no
 * thresholds, the ARCHITECTURE.md targets are printed next to the figures for context.
 *
 * Per annotation count, after one unrecorded warm-up open, RUNS fresh tabs each open the document and
 * record: navigation start → the `pv:paint` measure that painted all annotations, that measure's own
 * duration, the longest main-thread task before it ended, the JS heap after a GC, the number of ranges
 * in the pv-* highlights, and the next `pv:paint` after recolouring one annotation in the sidebar.
 */
import os from "node:os";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { quoteSelector } from "../lib/anchoring/selectors";
import { needsEvidence, STATUSES, type TStatus } from "../lib/statuses";
import { prepareDatabase, startServer } from "./lib/app-server";
import { generateSpans, overlapShare, seededRandom } from "./lib/spans";
import { markdownTable, median } from "./lib/table";
import { scriptClient } from "../prisma/client";
import { DEMO_PASSWORD, DEMO_WORKSPACE } from "../prisma/demo";
import { ensureBuild } from "../scripts/lib/build";
import { createShutdown } from "../scripts/lib/database";

const COUNTS = [500, 2_000, 5_000];
const RUNS = 5;
const PORT = 3200;
const BASE_URL = `http://localhost:${PORT}`;
const DOCUMENT_TITLE = "Khojaly Genocide (Presidential Library compilation)";
const SIGN_IN = { email: "editor@example.com", password: DEMO_PASSWORD };
const SEED = 0x5eed_2026;
const INSERT_BATCH = 1_000;
const WAIT_MS = 60_000;
/** The whole bench gives up (and cleans up) after this long. */
const DEADLINE_MS = 10 * 60_000;

/** ARCHITECTURE.md, "Painting highlights". */
const TARGETS: Record<number, { paint: string; navToPainted: string }> = {
  500: { paint: "≤ 100 ms", navToPainted: "" },
  2_000: { paint: "≤ 100 ms", navToPainted: "≤ 1,000 ms (median)" },
  5_000: { paint: "≤ 200 ms", navToPainted: "" },
};

const CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--enable-precise-memory-info"];

type TBenchDocument = { id: string; count: number; length: number; overlapShare: number };
type TPaint = { end: number; duration: number };
/** Where the time before painting went: navigation timing, in ms from navigation start, and sizes. */
type TPhases = { ttfb: number; htmlReceived: number; domContentLoaded: number; htmlBytes: number; elements: number };
type TOpening = { navToPainted: number; paint: number; longestTask: number; heapBytes: number; paintedRanges: number; recolourPaint: number; phases: TPhases };

declare global {
  interface Window {
    __pvLongTasks?: Array<{ start: number; duration: number }>;
  }
}

const shutdown = createShutdown();

function log(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------- annotations

/** One copy of the corpus document per annotation count, each with its annotations inserted directly. */
async function createBenchDocuments(databaseUrl: string): Promise<TBenchDocument[]> {
  const prisma = scriptClient(databaseUrl);
  try {
    const editor = await prisma.user.findUniqueOrThrow({ where: { email: SIGN_IN.email }, select: { id: true } });
    const original = await prisma.document.findFirstOrThrow({
      where: { title: DOCUMENT_TITLE, workspace: { name: DEMO_WORKSPACE } },
      select: { workspaceId: true, text: true, sha256: true, length: true },
    });
    const random = seededRandom(SEED);
    const documents: TBenchDocument[] = [];
    for (const count of COUNTS) {
      const copy = await prisma.document.create({
        data: { ...original, title: `${DOCUMENT_TITLE} (bench, ${count.toLocaleString("en-US")} annotations)`, createdById: editor.id },
        select: { id: true, revision: true },
      });
      const spans = generateSpans(count, original.length, random);
      const rows = spans.map((span) => ({
        workspaceId: original.workspaceId,
        documentId: copy.id,
        documentRevision: copy.revision,
        start: span.start,
        end: span.end,
        ...quoteSelector(original.text, span, original.length),
        status: span.status,
        createdById: editor.id,
        updatedById: editor.id,
      }));
      for (let i = 0; i < rows.length; i += INSERT_BATCH) await prisma.annotation.createMany({ data: rows.slice(i, i + INSERT_BATCH) });
      documents.push({ id: copy.id, count, length: original.length, overlapShare: overlapShare(spans) });
    }
    return documents;
  } finally {
    await prisma.$disconnect();
  }
}

// ---------------------------------------------------------------- browser

async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  shutdown.add(() => browser.close());
  return browser;
}

async function signIn(context: BrowserContext) {
  const page = await context.newPage();
  try {
    await page.goto(`${BASE_URL}/login`);
    await page.getByLabel("Email").fill(SIGN_IN.email);
    await page.getByLabel("Password").fill(SIGN_IN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: WAIT_MS });
  } finally {
    await page.close();
  }
}

/** Runs in the page before any of its scripts: keeps every long task (> 50 ms) of the main thread. */
function observeLongTasks() {
  const tasks: Array<{ start: number; duration: number }> = [];
  window.__pvLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
}

async function paintMeasureCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName("pv:paint", "measure").length);
}

/** The first `pv:paint` measure after the first `skip` ones whose detail.count is `count`. */
async function waitForPaint(page: Page, count: number, skip = 0): Promise<TPaint> {
  const found = await page.waitForFunction(
    ({ count, skip }) => {
      const entries = performance.getEntriesByName("pv:paint", "measure").slice(skip) as PerformanceMeasure[];
      const entry = entries.find((e) => e.detail?.count === count);
      return entry ? { end: entry.startTime + entry.duration, duration: entry.duration } : null;
    },
    { count, skip },
    { timeout: WAIT_MS, polling: 100 },
  );
  return (await found.jsonValue()) as TPaint;
}

/** The longest task that started before `until` (ms from navigation start); 0 when none passed 50 ms. */
async function longestTaskBefore(page: Page, until: number): Promise<number> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300))); // observers report late
  return page.evaluate((until) => Math.max(0, ...(window.__pvLongTasks ?? []).filter((t) => t.start < until).map((t) => t.duration)), until);
}

/** Ranges in the status highlights (every `pv-*` but the selection). */
async function paintedRangeCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    let total = 0;
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith("pv-") && name !== "pv-selected") total += highlight.size;
    });
    return total;
  });
}

async function navigationPhases(page: Page): Promise<TPhases> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      ttfb: nav.responseStart,
      htmlReceived: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      htmlBytes: nav.decodedBodySize,
      elements: document.getElementsByTagName("*").length,
    };
  });
}

async function heapUsedAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("HeapProfiler.collectGarbage");
    return (await cdp.send("Runtime.getHeapUsage")).usedSize;
  } finally {
    await cdp.detach();
  }
}

/**
 * Chooses the first annotation in the sidebar, gives it another status that needs no evidence
 * (the bench rows have none), saves, and returns that repaint's duration.
 */
async function recolourOne(page: Page, count: number): Promise<number> {
  await page.locator(".annotation-list .item-button").first().click();
  const form = page.getByRole("form", { name: "Edit annotation" });
  const status = form.getByLabel("Verification status");
  const current = (await status.inputValue()) as TStatus;
  const choices = STATUSES.filter((s) => s !== current && !needsEvidence(s));
  await status.selectOption(choices[0]);
  const before = await paintMeasureCount(page);
  await form.getByRole("button", { name: "Save changes" }).click();
  return (await waitForPaint(page, count, before)).duration;
}

/** Opens the document in a fresh tab and takes every figure of one run. */
async function openDocument(context: BrowserContext, document: TBenchDocument): Promise<TOpening> {
  const page = await context.newPage();
  try {
    await page.addInitScript(observeLongTasks);
    await page.goto(`${BASE_URL}/documents/${document.id}`, { waitUntil: "commit" });
    const paint = await waitForPaint(page, document.count);
    const longestTask = await longestTaskBefore(page, paint.end);
    const paintedRanges = await paintedRangeCount(page);
    const phases = await navigationPhases(page);
    const heapBytes = await heapUsedAfterGc(page);
    const recolourPaint = await recolourOne(page, document.count);
    return { navToPainted: paint.end, paint: paint.duration, longestTask, heapBytes, paintedRanges, recolourPaint, phases };
  } finally {
    await page.close();
  }
}

async function measureDocument(context: BrowserContext, document: TBenchDocument): Promise<TOpening[]> {
  const label = document.count.toLocaleString("en-US");
  log(`${label} annotations: warm-up open`);
  await openDocument(context, document);
  const runs: TOpening[] = [];
  for (let run = 1; run <= RUNS; run++) {
    runs.push(await openDocument(context, document));
    log(`${label} annotations: run ${run}/${RUNS}: ${Math.round(runs[runs.length - 1].navToPainted)} ms to painted`);
  }
  return runs;
}

// ---------------------------------------------------------------- table

const formatMs = (ms: number) => (ms === 0 ? "none" : ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));
const formatMb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function medianAndMax(runs: readonly TOpening[], pick: (run: TOpening) => number, format: (value: number) => string): string {
  const values = runs.map(pick);
  return `${format(median(values))} / ${format(Math.max(...values))}`;
}

function paintedCheck(runs: readonly TOpening[], expected: number): string {
  const counts = [...new Set(runs.map((r) => r.paintedRanges))];
  return counts.length === 1 && counts[0] === expected ? `${expected.toLocaleString("en-US")} ok` : `MISMATCH: ${counts.join(", ")}`;
}

function resultRow(document: TBenchDocument, runs: readonly TOpening[]): string[] {
  const target = TARGETS[document.count];
  return [
    document.count.toLocaleString("en-US"),
    `${Math.round(document.overlapShare * 100)} %`,
    medianAndMax(runs, (r) => r.navToPainted, formatMs),
    target.navToPainted,
    medianAndMax(runs, (r) => r.paint, formatMs),
    target.paint,
    medianAndMax(runs, (r) => r.longestTask, formatMs),
    medianAndMax(runs, (r) => r.heapBytes, formatMb),
    paintedCheck(runs, document.count),
    medianAndMax(runs, (r) => r.recolourPaint, formatMs),
  ];
}

function phasesRow(document: TBenchDocument, runs: readonly TOpening[]): string[] {
  const mid = (pick: (phases: TPhases) => number) => median(runs.map((r) => pick(r.phases)));
  return [
    document.count.toLocaleString("en-US"),
    formatMb(mid((p) => p.htmlBytes)),
    Math.round(mid((p) => p.elements)).toLocaleString("en-US"),
    formatMs(mid((p) => p.ttfb)),
    formatMs(mid((p) => p.htmlReceived)),
    formatMs(mid((p) => p.domContentLoaded)),
    formatMs(median(runs.map((r) => r.navToPainted))),
  ];
}

const HEADERS = [
  "annotations",
  "overlapping",
  "nav → painted, ms",
  "target",
  "pv:paint, ms",
  "target",
  "longest task, ms",
  "JS heap after GC, MB",
  "painted ranges",
  "recolour repaint, ms",
];
/** The targets and the painted-ranges check read better left-aligned. */
const TEXT_COLUMNS = new Set([3, 5, 8]);

const PHASE_HEADERS = ["annotations", "HTML, MB", "DOM elements", "first byte, ms", "HTML received, ms", "DOMContentLoaded, ms", "painted, ms"];

function printReport(browserVersion: string, documentLength: number, results: ReadonlyArray<{ document: TBenchDocument; runs: TOpening[] }>) {
  console.log(
    `\nReading view: "${DOCUMENT_TITLE}" (${documentLength.toLocaleString("en-US")} code points), headless Chromium ${browserVersion}, ` +
      `${os.cpus().length} cores; median / max of ${RUNS} fresh tabs after one warm-up, next start (production build).\n`,
  );
  console.log(markdownTable(HEADERS, results.map(({ document, runs }) => resultRow(document, runs)), TEXT_COLUMNS));
  console.log(
    "\nnav → painted: navigation start to the end of the pv:paint measure that painted every annotation. " +
      "pv:paint: that measure (highlight sync to the next frame). longest task: main thread, before it was painted " +
      "(\"none\": none over 50 ms). painted ranges: sum of the pv-* highlights but pv-selected. " +
      "recolour repaint: the pv:paint after changing one annotation's status in the sidebar and saving. " +
      "Targets from ARCHITECTURE.md, \"Painting highlights\".",
  );
  console.log("\nWhere the time to painted goes (medians; ms from navigation start, HTML decoded size, elements once painted):\n");
  console.log(markdownTable(PHASE_HEADERS, results.map(({ document, runs }) => phasesRow(document, runs))));
}

// ---------------------------------------------------------------- main

async function main() {
  setTimeout(() => {
    console.error(`[bench] gave up after ${DEADLINE_MS / 60_000} minutes`);
    shutdown.exit(1);
  }, DEADLINE_MS).unref();

  if (!ensureBuild()) throw new Error("next build failed");
  const databaseUrl = await prepareDatabase(shutdown);
  const documents = await createBenchDocuments(databaseUrl);
  log(`inserted ${documents.map((d) => d.count.toLocaleString("en-US")).join(", ")} annotations on three copies of the document`);
  await startServer({ databaseUrl, port: PORT, waitMs: WAIT_MS, shutdown });

  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await signIn(context);
  const results = [];
  for (const document of documents) results.push({ document, runs: await measureDocument(context, document) });

  printReport(browser.version(), documents[0].length, results);
  shutdown.exit(0);
}

main().catch((error) => {
  console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
  shutdown.exit(1);
});
