/**
 * `npm run bench -- reanchor`: re-anchoring 1,000 quotes in a 200 KB text after edits, off the main
 * thread (issue 7, "Speed" 5). No database and no server: the algorithm (lib/anchoring/reanchor.ts)
 * and its worker-thread runner (lib/anchoring/reanchor-async.ts), in this process.
 *
 * The text is the 195 KB corpus document "Khojaly Genocide (Presidential Library compilation)"
 * after seeded edits: sentences inserted, passages deleted, words replaced, paragraphs moved, and
 * Latin letters swapped for their Cyrillic look-alikes (as OCR'd sources do). The quotes are taken
 * from the original (5–120 code points, 32 of context each side, their old positions), as an export
 * made before the edits would carry them. Per run it times the worker (message passing included)
 * while `perf_hooks.monitorEventLoopDelay` watches the main thread, and the same batch on the main
 * thread for comparison; it checks both give the same results and counts how the quotes landed.
 * `--smoke`: 200 quotes, one run; exit 1 when the worker's results differ or it fails.
 */
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isDeepStrictEqual } from "node:util";
import { reanchorAll, type TAnchorResult, type TAnchorTarget } from "../lib/anchoring/reanchor";
import { reanchorInWorker, stopReanchorWorker } from "../lib/anchoring/reanchor-async";
import { quoteSelector } from "../lib/anchoring/selectors";
import { generateSpans, seededRandom } from "./lib/spans";
import { markdownTable, median } from "./lib/table";
import { CORPUS, readCorpusText } from "../prisma/demo";

const SMOKE = process.argv.includes("--smoke");
const QUOTES = SMOKE ? 200 : 1_000;
const RUNS = SMOKE ? 1 : 5;
const DOCUMENT_TITLE = "Khojaly Genocide (Presidential Library compilation)";
export const REANCHOR_SEED = 0x2ea_2026;
const TARGET = "≤ 300 ms";

// ---------------------------------------------------------------- the edited text

const LOOK_ALIKES: Record<string, string> = { a: "а", e: "е", o: "о", c: "с", p: "р", x: "х", y: "у", A: "А", E: "Е", O: "О", C: "С", P: "Р", H: "Н", K: "К", M: "М", T: "Т" };
const INSERTED = [
  "According to later testimony, the convoy was stopped at the edge of the forest. ",
  "[Editor's note: the following paragraph was revised in the second edition.] ",
  "The figures below were checked against the State Commission's records. ",
];
const REPLACEMENTS: Record<string, string> = { the: "this", killed: "murdered", village: "settlement", town: "city", people: "persons", were: "had been", and: "&" };

type TEdits = { inserted: number; deleted: number; replaced: number; moved: number; lookAlikes: number };

/**
 * The text after edits, paragraph by paragraph: each paragraph has a small chance of each kind
 * of edit, and a few pairs of paragraphs change places. Deterministic for a seed.
 */
export function editText(original: string, random: () => number): { text: string; edits: TEdits } {
  const edits: TEdits = { inserted: 0, deleted: 0, replaced: 0, moved: 0, lookAlikes: 0 };
  const paragraphs = original.split(/(?<=\n\n)/);
  const edited = paragraphs.map((paragraph) => {
    let p = paragraph;
    if (random() < 0.08) {
      const at = p.indexOf(". ") + 2;
      if (at > 1) {
        p = p.slice(0, at) + INSERTED[Math.floor(random() * INSERTED.length)] + p.slice(at);
        edits.inserted++;
      }
    }
    if (random() < 0.04 && p.length > 60) {
      const from = Math.floor(random() * (p.length - 50));
      p = p.slice(0, from) + p.slice(from + 10 + Math.floor(random() * 30));
      edits.deleted++;
    }
    if (random() < 0.1) {
      p = p.replace(/\b(the|killed|village|town|people|were|and)\b/, (word) => {
        edits.replaced++;
        return REPLACEMENTS[word];
      });
    }
    if (random() < 0.05) {
      p = p.replace(/\b[a-zA-Z]{4,}\b/g, (word) => {
        if (random() >= 0.15) return word;
        edits.lookAlikes++;
        return word.replace(/[aeocpxyAEOCPHKMT]/, (c) => LOOK_ALIKES[c]);
      });
    }
    return p;
  });
  for (let n = 0; n < 12; n++) {
    const i = Math.floor(random() * (edited.length - 40));
    const j = i + 5 + Math.floor(random() * 30);
    [edited[i], edited[j]] = [edited[j], edited[i]];
    edits.moved++;
  }
  return { text: edited.join(""), edits };
}

/** Quotes from the original text with their context and old positions, as an export before the edits carries them. */
export function quotesOf(original: string, count: number, random: () => number): TAnchorTarget[] {
  const length = Array.from(original).length;
  return generateSpans(count, length, random).map((span) => ({ ...quoteSelector(original, span, length), start: span.start, end: span.end }));
}

// ---------------------------------------------------------------- runs

type TRun = { workerMs: number; maxDelayMs: number; meanDelayMs: number; mainMs: number };

/** The worker's time for the batch, message passing included, and the main thread's event-loop delays meanwhile. */
async function workerRun(text: string, targets: TAnchorTarget[]): Promise<{ results: TAnchorResult[]; ms: number; maxDelayMs: number; meanDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // A timer firing every millisecond keeps the loop busy enough for the histogram to sample it.
  const ticker = setInterval(() => {}, 1);
  histogram.enable();
  const started = performance.now();
  const results = await reanchorInWorker(text, targets);
  const ms = performance.now() - started;
  histogram.disable();
  clearInterval(ticker);
  return { results, ms, maxDelayMs: histogram.max / 1e6, meanDelayMs: histogram.mean / 1e6 };
}

function mainThreadRun(text: string, targets: TAnchorTarget[]): { results: TAnchorResult[]; ms: number } {
  const started = performance.now();
  const results = reanchorAll(text, targets);
  return { results, ms: performance.now() - started };
}

function outcomes(results: readonly TAnchorResult[]) {
  const counts = { position: 0, exact: 0, fuzzy: 0, orphaned: 0 };
  for (const r of results) {
    if (r.state === "failed") counts.orphaned++;
    else if (r.how === "position") counts.position++;
    else if (r.how === "quote") counts.exact++;
    else counts.fuzzy++;
  }
  return counts;
}

// ---------------------------------------------------------------- main

const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));
const medianAndMax = (values: readonly number[]) => `${formatMs(median(values))} / ${formatMs(Math.max(...values))}`;
const kb = (text: string) => Math.round(Buffer.byteLength(text, "utf8") / 1024);
const share = (n: number, total: number) => `${n.toLocaleString("en-US")} (${Math.round((n / total) * 100)} %)`;

async function main() {
  const file = CORPUS.find((c) => c.title === DOCUMENT_TITLE)?.file;
  if (!file) throw new Error(`"${DOCUMENT_TITLE}" is not in the corpus`);
  const original = readCorpusText(file);
  const random = seededRandom(REANCHOR_SEED);
  const targets = quotesOf(original, QUOTES, random);
  const { text, edits } = editText(original, random);

  // The first call starts the worker thread: timed apart, as a server pays it once.
  const coldStarted = performance.now();
  await reanchorInWorker(text, targets.slice(0, 1));
  const startMs = performance.now() - coldStarted;

  const runs: TRun[] = [];
  let results: TAnchorResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    const worker = await workerRun(text, targets);
    const main = mainThreadRun(text, targets);
    if (!isDeepStrictEqual(worker.results, main.results)) throw new Error("the worker's results differ from reanchorAll's");
    results = worker.results;
    runs.push({ workerMs: worker.ms, maxDelayMs: worker.maxDelayMs, meanDelayMs: worker.meanDelayMs, mainMs: main.ms });
    console.log(`[bench] run ${run + 1}/${RUNS}: worker ${formatMs(worker.ms)} ms, max event-loop delay ${formatMs(worker.maxDelayMs)} ms, main thread ${formatMs(main.ms)} ms`);
  }
  await stopReanchorWorker();

  const counts = outcomes(results);
  console.log(
    `\nRe-anchoring: ${QUOTES.toLocaleString("en-US")} quotes from "${DOCUMENT_TITLE}" (${kb(original)} KB) in the text after edits ` +
      `(${kb(text)} KB: ${edits.inserted} sentences inserted, ${edits.deleted} passages deleted, ${edits.replaced} words replaced, ` +
      `${edits.moved} paragraph pairs swapped, ${edits.lookAlikes} Cyrillic look-alike swaps); ${os.cpus().length} cores; median / max of ${RUNS} runs.\n`,
  );
  console.log(
    markdownTable(
      ["worker, ms (incl. messages)", "target", "max / mean event-loop delay meanwhile, ms", "same batch on the main thread, ms", "worker start, ms"],
      [[medianAndMax(runs.map((r) => r.workerMs)), TARGET, `${formatMs(Math.max(...runs.map((r) => r.maxDelayMs)))} / ${formatMs(median(runs.map((r) => r.meanDelayMs)))}`, medianAndMax(runs.map((r) => r.mainMs)), formatMs(startMs)]],
      new Set([1]),
    ),
  );
  console.log("\nHow the quotes landed (identical in every run, and between worker and main thread):\n");
  console.log(
    markdownTable(
      ["at the old position", "exact quote, moved", "fuzzy match", "orphaned"],
      [[share(counts.position, QUOTES), share(counts.exact, QUOTES), share(counts.fuzzy, QUOTES), share(counts.orphaned, QUOTES)]],
    ),
  );
  console.log(
    "\nworker: reanchorInWorker (lib/anchoring/reanchor-async.ts), from posting the text and quotes to receiving the results. " +
      "event-loop delay: perf_hooks.monitorEventLoopDelay on the main thread during the worker's run (a 1 ms timer keeps it sampling). " +
      "worker start: the first call, which starts the thread (once per server process). Target from issue 7, \"Speed\" 5.",
  );
}

// bench/exports.ts borrows the edits; only running this file runs the bench.
if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}
