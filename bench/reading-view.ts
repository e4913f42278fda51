/**
 * `npm run bench:reading`: how fast the reading view opens the 195 KB corpus document with 500, 2,000
 * and 5,000 annotations, in headless Chromium against a production build (`next start`) on a fresh
 * embedded PostgreSQL (.data/pg-bench, port 54349; the app on port 3200), and how fast
 * @recogito/text-annotator paints the same spans on the same text in the same browser. Prints tables
 * with the targets beside the figures. `--smoke`: 200 annotations, one run, no warm-up, and the
 * recogito comparison at that size; exits non-zero when a highlight count is wrong.
 *
 * Per annotation count, after one unrecorded warm-up open, RUNS fresh tabs each open the document and
 * record: navigation start → the `pv:paint` measure that painted all annotations, that measure's own
 * duration, the longest main-thread task before it ended, the JS heap after a GC (and its growth over
 * the same document with no annotations), the number of ranges in the pv-* highlights, and the next
 * `pv:paint` after recolouring one annotation, adding one (select, A, save) and deleting it again.
 *
 * For profiling: `--counts=2000` measures only those counts; `--trace=FILE` also opens the first of them
 * once more (not recorded) with a Chrome trace into FILE and a V8 CPU profile (FILE.cpuprofile), and prints where the main
 * thread's time went up to painted (self time by trace slice, long tasks, self time by function).
 */
import os from "node:os";
import type { BrowserContext, Page } from "@playwright/test";
import { copyCorpus, corpusDocument, CORPUS_TITLE, spanRow } from "./lib/corpus-copy";
import { needsEvidence, STATUSES, type TStatus } from "../lib/statuses";
import { startBench, startServer } from "./lib/app-server";
import { launchBrowser, SIGN_IN, signIn } from "./lib/browser";
import { heapUsedAfterGc, longestTaskBefore, navigationPhases, observeLongTasks, paintedRangeCount, paintMeasureCount, PHASE_COLUMNS, phaseCells, waitForPaint, type TPhases } from "./lib/page-probes";
import { traceOpening } from "./lib/opening-trace";
import { measureRecogito, RECOGITO_VERSION, type TRecogitoRun } from "./lib/recogito";
import { generateSpans, overlapShare, seededRandom, type TSpan } from "./lib/spans";
import { formatMb, formatMs, markdownTable, median, medianAndMax } from "./lib/table";
import { scriptClient } from "../prisma/client";
import { createShutdown } from "../scripts/lib/database";

const SMOKE = process.argv.includes("--smoke");
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const COUNTS = option("counts")?.split(",").map(Number) ?? (SMOKE ? [200] : [500, 2_000, 5_000]);
const TRACE_FILE = option("trace");
const RUNS = SMOKE ? 1 : 5;
const WARM_UP = !SMOKE;
const PORT = 3200;
const BASE_URL = `http://localhost:${PORT}`;
const SEED = 0x5eed_2026;
const INSERT_BATCH = 1_000;
const WAIT_MS = 60_000;
/** `next start` on a busy 2-core machine can take a while to answer. */
const SERVER_WAIT_MS = 180_000;
/** The whole bench gives up (and cleans up) after this long. */
const DEADLINE_MS = 15 * 60_000;
const VIEWPORT = { width: 1280, height: 800 };

/** Issue 7, "Speed" item 1. */
const TARGETS: Record<number, { paint: string; navToPainted: string; heapGrowth: string; ratio: string }> = {
  200: { paint: "≤ 100 ms", navToPainted: "", heapGrowth: "", ratio: "" },
  500: { paint: "≤ 100 ms", navToPainted: "", heapGrowth: "", ratio: "" },
  2_000: { paint: "≤ 100 ms", navToPainted: "≤ 1,000 ms (median)", heapGrowth: "", ratio: "≥ 10×" },
  5_000: { paint: "≤ 200 ms", navToPainted: "", heapGrowth: "≤ 10 MB", ratio: "" },
};
/** Counts chosen with --counts that the issue names no target for print none. */
const targetFor = (count: number) => TARGETS[count] ?? { paint: "", navToPainted: "", heapGrowth: "", ratio: "" };
const LONGEST_TASK_TARGET = "≤ 200 ms";
const ONE_CHANGE_TARGET = "≤ 50 ms";

type TBenchDocument = { id: string; count: number; length: number; overlapShare: number; spans: TSpan[] };
type TOpening = {
  navToPainted: number;
  paint: number;
  longestTask: number;
  heapBytes: number;
  paintedRanges: number;
  recolourPaint: number;
  addPaint: number;
  removePaint: number;
  phases: TPhases;
};

const shutdown = createShutdown();

function log(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------- annotations

/**
 * One copy of the corpus document per annotation count (and one with none, the heap baseline), each
 * with its annotations inserted directly; also returns the text, for the recogito comparison.
 */
async function createBenchDocuments(databaseUrl: string): Promise<{ text: string; baseline: TBenchDocument; documents: TBenchDocument[] }> {
  const prisma = scriptClient(databaseUrl);
  try {
    const editor = await prisma.user.findUniqueOrThrow({ where: { email: SIGN_IN.email }, select: { id: true } });
    const original = await corpusDocument(prisma);
    const random = seededRandom(SEED);
    const documents: TBenchDocument[] = [];
    for (const count of [0, ...COUNTS]) {
      const copy = await copyCorpus(prisma, original, { label: `bench, ${count.toLocaleString("en-US")} annotations`, createdById: editor.id });
      const spans = generateSpans(count, original.length, random);
      const rows = spans.map((span) => ({
        ...spanRow(original, copy, span),
        createdById: editor.id,
        updatedById: editor.id,
      }));
      for (let i = 0; i < rows.length; i += INSERT_BATCH) await prisma.annotation.createMany({ data: rows.slice(i, i + INSERT_BATCH) });
      documents.push({ id: copy.id, count, length: original.length, overlapShare: count ? overlapShare(spans) : 0, spans });
    }
    const [baseline, ...rest] = documents;
    return { text: original.text, baseline, documents: rest };
  } finally {
    await prisma.$disconnect();
  }
}

// ---------------------------------------------------------------- browser

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

/**
 * Selects the first 24 characters of the 40th non-empty line, presses A, saves the new annotation
 * (no source, Unverified) and returns that repaint's duration: from the saved annotation arriving
 * from the server to its highlight painted.
 */
async function addOne(page: Page, count: number): Promise<number> {
  const selected = await page.evaluate(() => {
    const root = document.querySelector(".document-text") as HTMLElement;
    const paragraph = Array.from(root.getElementsByTagName("p")).filter((p) => (p.textContent ?? "").length > 40)[40];
    const text = paragraph?.firstChild;
    if (!text) return false;
    root.focus();
    window.getSelection()?.setBaseAndExtent(text, 0, text, 24);
    paragraph.scrollIntoView({ block: "center" });
    return true;
  });
  if (!selected) throw new Error("no line to annotate");
  await page.waitForFunction(() => document.querySelector("[data-selection]")?.getAttribute("data-selection"), null, { timeout: WAIT_MS });
  await page.keyboard.press("a");
  const dialog = page.getByRole("dialog", { name: "New annotation" });
  const before = await paintMeasureCount(page);
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  return (await waitForPaint(page, count + 1, before)).duration;
}

/** Deletes the annotation open in the sidebar (the one just added) and returns that repaint's duration. */
async function removeOne(page: Page, count: number): Promise<number> {
  const before = await paintMeasureCount(page);
  await page.getByRole("region", { name: "Annotations" }).getByRole("button", { name: "Delete", exact: true }).click();
  return (await waitForPaint(page, count, before)).duration;
}

/** Opens the document in a fresh tab and takes every figure of one run (and a trace of the opening into `traceFile`). */
async function openDocument(context: BrowserContext, document: TBenchDocument, traceFile?: string): Promise<TOpening> {
  const page = await context.newPage();
  try {
    await page.addInitScript(observeLongTasks);
    const trace = traceFile ? await traceOpening(context, page, traceFile) : null;
    await page.goto(`${BASE_URL}/documents/${document.id}`, { waitUntil: "commit" });
    const paint = await waitForPaint(page, document.count);
    await trace?.stop(paint.end);
    const longestTask = await longestTaskBefore(page, paint.end);
    const paintedRanges = await paintedRangeCount(page);
    const phases = await navigationPhases(page, document.count);
    const heapBytes = await heapUsedAfterGc(page);
    const recolourPaint = await recolourOne(page, document.count);
    const addPaint = await addOne(page, document.count);
    const removePaint = await removeOne(page, document.count);
    return { navToPainted: paint.end, paint: paint.duration, longestTask, heapBytes, paintedRanges, recolourPaint, addPaint, removePaint, phases };
  } finally {
    await page.close();
  }
}

/** The JS heap of the document with no annotations, after it painted (nothing), median of RUNS. */
async function baselineHeap(context: BrowserContext, document: TBenchDocument): Promise<number> {
  const heaps: number[] = [];
  for (let run = 0; run < (WARM_UP ? RUNS + 1 : RUNS); run++) {
    const page = await context.newPage();
    try {
      await page.goto(`${BASE_URL}/documents/${document.id}`, { waitUntil: "commit" });
      await waitForPaint(page, 0);
      heaps.push(await heapUsedAfterGc(page));
    } finally {
      await page.close();
    }
  }
  return median(WARM_UP ? heaps.slice(1) : heaps);
}

async function measureDocument(context: BrowserContext, document: TBenchDocument): Promise<TOpening[]> {
  const label = document.count.toLocaleString("en-US");
  if (WARM_UP) {
    log(`${label} annotations: warm-up open`);
    await openDocument(context, document);
  }
  if (TRACE_FILE && document.count === COUNTS[0]) {
    log(`${label} annotations: traced open (not recorded: tracing and profiling slow it down)`);
    await openDocument(context, document, TRACE_FILE);
  }
  const runs: TOpening[] = [];
  for (let run = 1; run <= RUNS; run++) {
    runs.push(await openDocument(context, document));
    log(`${label} annotations: run ${run}/${RUNS}: ${Math.round(runs[runs.length - 1].navToPainted)} ms to painted`);
  }
  return runs;
}

// ---------------------------------------------------------------- table


type TResult = { document: TBenchDocument; runs: TOpening[]; recogito: TRecogitoRun[] };

function paintedCheck(runs: readonly TOpening[], expected: number): string {
  const counts = [...new Set(runs.map((r) => r.paintedRanges))];
  return paintedOk(runs, expected) ? `${expected.toLocaleString("en-US")} ok` : `MISMATCH: ${counts.join(", ")}`;
}

const paintedOk = (runs: readonly TOpening[], expected: number) => runs.every((r) => r.paintedRanges === expected);
const recogitoOk = (result: TResult) => result.recogito.every((r) => r.stored === result.document.count && r.drawn > 0);

function resultRow({ document, runs }: TResult, baselineHeapBytes: number): string[] {
  const target = targetFor(document.count);
  const pick = (f: (r: TOpening) => number) => runs.map(f);
  return [
    document.count.toLocaleString("en-US"),
    `${Math.round(document.overlapShare * 100)} %`,
    medianAndMax(pick((r) => r.navToPainted), formatMs),
    target.navToPainted,
    medianAndMax(pick((r) => r.paint), formatMs),
    target.paint,
    medianAndMax(pick((r) => r.longestTask), formatMs),
    LONGEST_TASK_TARGET,
    formatMb(median(pick((r) => r.heapBytes))),
    formatMb(median(pick((r) => r.heapBytes)) - baselineHeapBytes),
    target.heapGrowth,
    paintedCheck(runs, document.count),
  ];
}

function changeRow({ document, runs }: TResult): string[] {
  const pick = (f: (r: TOpening) => number) => runs.map(f);
  return [
    document.count.toLocaleString("en-US"),
    medianAndMax(pick((r) => r.addPaint), formatMs),
    medianAndMax(pick((r) => r.removePaint), formatMs),
    medianAndMax(pick((r) => r.recolourPaint), formatMs),
    ONE_CHANGE_TARGET,
  ];
}

function recogitoRow(result: TResult): string[] {
  const ours = median(result.runs.map((r) => r.paint));
  const theirs = median(result.recogito.map((r) => r.ms));
  const drawn = [...new Set(result.recogito.map((r) => r.drawn))].join(", ");
  return [
    result.document.count.toLocaleString("en-US"),
    formatMs(ours),
    medianAndMax(result.recogito.map((r) => r.ms), formatMs),
    recogitoOk(result) ? `${result.document.count.toLocaleString("en-US")} ok, ${drawn} spans drawn` : `FAILED: ${result.recogito.map((r) => r.stored).join(", ")}`,
    `${(theirs / ours).toFixed(1)}×`,
    targetFor(result.document.count).ratio,
  ];
}

function phasesRow({ document, runs }: TResult): string[] {
  return [document.count.toLocaleString("en-US"), ...phaseCells(runs)];
}

const HEADERS = [
  "annotations",
  "overlapping",
  "nav → painted, ms",
  "target",
  "pv:paint, ms",
  "target",
  "longest task, ms",
  "target",
  "JS heap after GC, MB",
  "growth vs 0 annotations, MB",
  "target",
  "painted ranges",
];
/** The targets and the painted-ranges check read better left-aligned. */
const TEXT_COLUMNS = new Set([3, 5, 7, 10, 11]);

const CHANGE_HEADERS = ["annotations", "add one, ms", "delete one, ms", "recolour one, ms", "target"];
const RECOGITO_HEADERS = ["annotations", "ours: pv:paint, ms", `recogito ${RECOGITO_VERSION}: setAnnotations → painted, ms`, "recogito revived", "ratio", "target"];
const PHASE_HEADERS = ["annotations", ...PHASE_COLUMNS];

function printReport(browserVersion: string, documentLength: number, baselineHeapBytes: number, results: readonly TResult[]) {
  const runs = WARM_UP ? `median / max of ${RUNS} fresh tabs after one warm-up` : `${RUNS} run (smoke: no warm-up, figures are indicative only)`;
  console.log(
    `\nReading view: "${CORPUS_TITLE}" (${documentLength.toLocaleString("en-US")} code points), headless Chromium ${browserVersion}, ` +
      `${os.cpus().length} cores; ${runs}, next start (production build).\n`,
  );
  console.log(markdownTable(HEADERS, results.map((r) => resultRow(r, baselineHeapBytes)), TEXT_COLUMNS));
  console.log(
    "\nnav → painted: navigation start to the end of the pv:paint measure that painted every annotation. " +
      "pv:paint: that measure, from the painter holding the text and the annotations (the annotations' data arriving) to the frame " +
      "after the highlight sync having been produced (a task posted from its animation frame callback, so its style, layout and paint are in). longest task: main thread, before it was painted (\"none\": none over 50 ms). " +
      `growth: the heap minus the median heap of the same document with no annotations (${formatMb(baselineHeapBytes)} MB). ` +
      "painted ranges: sum of the pv-* highlights but pv-selected.",
  );
  console.log("\nOne change after opening (the pv:paint from the server's answer arriving to the frame that shows the repaint, produced):\n");
  console.log(markdownTable(CHANGE_HEADERS, results.map(changeRow), new Set([4])));
  console.log(
    "\nadd one: select 24 characters, press A, Save annotation. delete one: Delete in the sidebar. " +
      "recolour one: another status for the first annotation in the sidebar, Save changes.",
  );
  console.log(`\nThe same spans on the same text with @recogito/text-annotator ${RECOGITO_VERSION} (bench/lib/recogito.ts), in the same browser:\n`);
  console.log(markdownTable(RECOGITO_HEADERS, results.map(recogitoRow), new Set([3, 5])));
  console.log(
    "\nrecogito: a static page with the same paragraphs, font and width; from setAnnotations (W3C annotations with TextQuoteSelector " +
      "and TextPositionSelector) to the animation frame after its renderer's onRedraw. Its default SPANS renderer draws the annotations " +
      "in the viewport as positioned <span>s (\"spans drawn\"); ours paints every range with CSS.highlights. ratio: recogito's median / ours.",
  );
  console.log("\nWhere the time to painted goes (medians; ms from navigation start, HTML decoded size, elements once painted):\n");
  console.log(markdownTable(PHASE_HEADERS, results.map(phasesRow)));
  console.log(
    "\ntext shown: first contentful paint (the page streams the text at once and the annotations after it, in the same response). " +
      "HTML received: the end of that response. painter has the annotations: the start of the pv:paint above (the data unpacked, the page hydrated).",
  );
}

// ---------------------------------------------------------------- main

async function main() {
  const databaseUrl = await startBench({ shutdown, deadlineMs: DEADLINE_MS });
  const { text, baseline, documents } = await createBenchDocuments(databaseUrl);
  log(`inserted ${documents.map((d) => d.count.toLocaleString("en-US")).join(", ")} annotations on copies of the document (and one with none)`);
  await startServer({ databaseUrl, port: PORT, waitMs: SERVER_WAIT_MS, shutdown });

  const browser = await launchBrowser(shutdown);
  const context = await browser.newContext({ viewport: VIEWPORT });
  await signIn(context, BASE_URL, WAIT_MS);
  const baselineHeapBytes = await baselineHeap(context, baseline);
  const results: TResult[] = [];
  for (const document of documents) {
    const runs = await measureDocument(context, document);
    log(`${document.count.toLocaleString("en-US")} annotations: recogito`);
    const recogito = await measureRecogito(browser, { text, spans: document.spans, runs: RUNS, viewport: VIEWPORT });
    results.push({ document, runs, recogito });
  }

  printReport(browser.version(), documents[0].length, baselineHeapBytes, results);
  const failed = results.filter((r) => !paintedOk(r.runs, r.document.count) || !recogitoOk(r));
  if (failed.length) console.error(`[bench] painting failed at ${failed.map((r) => r.document.count).join(", ")} annotations`);
  shutdown.exit(failed.length ? 1 : 0);
}

main().catch((error) => {
  console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
  shutdown.exit(1);
});
