/**
 * `npm run bench -- exports`: how long each export of the 195 KB corpus document with 2,000
 * annotations takes, end to end through GET /api/v1/documents/:id/export?format=… against a
 * production build (`next start`, port 3220) on a fresh embedded PostgreSQL (profile
 * "bench-exports", port 54379), and where the time goes: the same report loaded and rendered in this
 * process by lib/reports + lib/exports (database read, then rendering alone).
 *
 * The annotations are realistic: most cite one of 40 sources with a locator, verdicts carry
 * evidence (passages, links, stances), a tenth have an attribution chain, a fifth have comments.
 * The export asks for the text and the comments (`text=1&comments=1`), the heaviest report.
 * `--smoke`: 200 annotations, one run, exit 1 on a non-200 or empty export.
 */
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { cpLength } from "../lib/anchoring/code-points";
import { copyCorpus, corpusDocument, CORPUS_TITLE, spanRow } from "./lib/corpus-copy";
import { createApiToken } from "./lib/api-token";
import type { TExportFormat } from "../lib/reports/schemas";
import { isVerdict, STATUSES } from "../lib/statuses";
import { startBench, startServer } from "./lib/app-server";
import { generateSpans, seededRandom } from "./lib/spans";
import { editText, REANCHOR_SEED } from "./reanchor";
import { markdownTable, median } from "./lib/table";
import { scriptClient } from "../prisma/client";
import { createShutdown, projectRoot } from "../scripts/lib/database";

const SMOKE = process.argv.includes("--smoke");
const COUNT = SMOKE ? 200 : 2_000;
const RUNS = SMOKE ? 1 : 5;
const PORT = 3220;
const BASE_URL = `http://localhost:${PORT}`;
const EDITOR = "editor@example.com";
const SEED = 0x0e8_2026;
const SOURCE_COUNT = 40;
const INSERT_BATCH = 1_000;
const WAIT_MS = 60_000;
const DEADLINE_MS = 15 * 60_000;
const QUERY = "text=1&comments=1";

/** issue 7, "Speed" 4; the formats without a target are printed for information. */
const FORMATS: ReadonlyArray<{ format: TExportFormat; target: string }> = [
  { format: "csv", target: "≤ 300 ms" },
  { format: "json", target: "≤ 300 ms" },
  { format: "w3c", target: "≤ 300 ms" },
  { format: "html", target: "≤ 500 ms" },
  { format: "pdf", target: "≤ 3,000 ms" },
  { format: "md", target: "" },
  { format: "claimreview", target: "" },
  { format: "csl", target: "" },
  { format: "bibtex", target: "" },
];

type TBenchData = { documentId: string; editedId: string; token: string; userId: string; counts: { evidence: number; chains: number; comments: number; sourced: number } };
type TTiming = { first: number; http: number[]; bytes: number; load: number[]; render: number[] };

const shutdown = createShutdown();

function log(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------- data

const KINDS = ["BOOK", "REPORT", "NEWS_ARTICLE", "MAGAZINE_ARTICLE", "LEGAL_DOCUMENT", "INTERVIEW_OR_STATEMENT", "WEBSITE"] as const;
const STANCES = ["SUPPORTS", "CONTRADICTS", "CONTEXT"] as const;

function sourceRow(i: number, workspaceId: string, userId: string) {
  const kind = KINDS[i % KINDS.length];
  return {
    workspaceId,
    kind,
    title: `Bench source ${i + 1}: ${["Report on events in Khojaly", "Black Garden", "Testimony of survivors", "Human Rights Watch/Helsinki", "Newsweek dispatch"][i % 5]} (${1992 + (i % 20)})`,
    authors: i % 3 === 0 ? [{ literal: "Memorial Human Rights Centre" }] : [{ family: `Author${i}`, given: "Anna" }, { family: "Aliyev", given: "Rauf" }],
    containerTitle: kind === "NEWS_ARTICLE" ? "The Bench Times" : "",
    publisher: kind === "BOOK" ? "NYU Press" : "",
    issued: `${1992 + (i % 20)}-0${1 + (i % 9)}`,
    url: i % 4 === 3 ? "" : `https://sources.example/${i + 1}`,
    archivedUrl: i % 2 === 0 ? `https://web.archive.example/2020/https://sources.example/${i + 1}` : "",
    createdById: userId,
  };
}

/** The document copy, its sources, annotations, evidence, chains and comments, and a READ token for the editor. */
async function createBenchData(databaseUrl: string): Promise<TBenchData> {
  const prisma = scriptClient(databaseUrl);
  try {
    const users = await prisma.user.findMany({ select: { id: true, email: true } });
    const editor = users.find((u) => u.email === EDITOR)!;
    const original = await corpusDocument(prisma);
    const { workspaceId } = original;
    const copy = await copyCorpus(prisma, original, { label: "exports bench", createdById: editor.id });
    const sources = await prisma.source.createManyAndReturn({
      data: Array.from({ length: SOURCE_COUNT }, (_, i) => sourceRow(i, workspaceId, editor.id)),
      select: { id: true },
    });
    const random = seededRandom(SEED);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const spans = generateSpans(COUNT, original.length, random);
    const rows = spans.map((span, i) => {
      const sourced = random() < 0.75;
      const verdict = isVerdict(span.status);
      return {
        ...spanRow(original, copy, span),
        sourceId: sourced ? pick(sources).id : null,
        locator: sourced ? `p. ${1 + Math.floor(random() * 400)}` : "",
        attributionText: random() < 0.3 ? "according to the compilation" : "",
        note: random() < 0.4 ? `Checked against the archive copy; wording differs slightly (${i}).` : "",
        createdById: editor.id,
        updatedById: pick(users).id,
        verdictById: verdict ? pick(users).id : null,
        verdictAt: verdict ? new Date(Date.UTC(2026, 0, 1 + (i % 28))) : null,
        assigneeId: random() < 0.3 ? pick(users).id : null,
      };
    });
    const annotations: { id: string; status: (typeof STATUSES)[number] }[] = [];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      annotations.push(...(await prisma.annotation.createManyAndReturn({ data: rows.slice(i, i + INSERT_BATCH), select: { id: true, status: true } })));
    }

    const evidence = annotations.flatMap((a, i) =>
      isVerdict(a.status) || random() < 0.2
        ? Array.from({ length: 1 + Math.floor(random() * 2) }, (_, k) => ({
            workspaceId,
            annotationId: a.id,
            sourceId: pick(sources).id,
            locator: `ch. ${1 + k}, p. ${10 + (i % 300)}`,
            passage: `“The events of 25–26 February 1992 were recorded by several witnesses” (passage ${i}.${k}).`,
            passageTranslation: random() < 0.2 ? "События 25–26 февраля 1992 года были записаны несколькими свидетелями." : "",
            url: `https://evidence.example/${i}/${k}`,
            archivedUrl: random() < 0.5 ? `https://web.archive.example/2021/https://evidence.example/${i}/${k}` : "",
            accessedOn: "2026-01-15",
            stance: pick(STANCES),
            note: random() < 0.3 ? "Matches the primary source." : "",
            createdById: editor.id,
          }))
        : [],
    );
    const chains = annotations
      .filter(() => random() < 0.1)
      .flatMap((a) => Array.from({ length: 2 + Math.floor(random() * 2) }, (_, position) => ({ workspaceId, annotationId: a.id, position, sourceId: pick(sources).id, locator: `p. ${position + 3}`, note: position === 0 ? "quoted in" : "" })));
    const comments = annotations
      .filter(() => random() < 0.2)
      .flatMap((a) =>
        Array.from({ length: 1 + Math.floor(random() * 2) }, (_, k) => ({
          workspaceId,
          annotationId: a.id,
          authorId: pick(users).id,
          html: `<p>Could we find the <strong>original</strong> for this? (${k})</p>`,
          text: `Could we find the original for this? (${k})`,
        })),
      );
    for (let i = 0; i < evidence.length; i += INSERT_BATCH) await prisma.evidence.createMany({ data: evidence.slice(i, i + INSERT_BATCH) });
    for (let i = 0; i < chains.length; i += INSERT_BATCH) await prisma.chainHop.createMany({ data: chains.slice(i, i + INSERT_BATCH) });
    for (let i = 0; i < comments.length; i += INSERT_BATCH) await prisma.comment.createMany({ data: comments.slice(i, i + INSERT_BATCH) });

    // The same document after edits (bench/reanchor.ts), for the import through the route to re-anchor into.
    const edited = editText(original.text, seededRandom(REANCHOR_SEED)).text;
    const editedCopy = await prisma.document.create({
      data: { workspaceId, text: edited, sha256: createHash("sha256").update(edited, "utf8").digest("hex"), length: cpLength(edited), title: `${CORPUS_TITLE} (edited, exports bench)`, createdById: editor.id },
      select: { id: true },
    });

    const token = await createApiToken(prisma, editor.id, "exports bench");
    return {
      documentId: copy.id,
      editedId: editedCopy.id,
      token,
      userId: editor.id,
      counts: { evidence: evidence.length, chains: new Set(chains.map((c) => c.annotationId)).size, comments: comments.length, sourced: rows.filter((r) => r.sourceId).length },
    };
  } finally {
    await prisma.$disconnect();
  }
}

// ---------------------------------------------------------------- over HTTP

/** One export through the route: ms to the last byte, and the body's size; throws on a non-200 or an empty body. */
async function fetchExport(data: TBenchData, format: TExportFormat): Promise<{ ms: number; bytes: number; body: ArrayBuffer }> {
  const started = performance.now();
  const response = await fetch(`${BASE_URL}/api/v1/documents/${data.documentId}/export?format=${format}&${QUERY}`, {
    headers: { Authorization: `Bearer ${data.token}` },
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${format}: HTTP ${response.status}: ${Buffer.from(body).toString("utf8").slice(0, 500)}`);
  if (body.byteLength === 0) throw new Error(`${format}: empty export`);
  return { ms, bytes: body.byteLength, body };
}

// ---------------------------------------------------------------- re-anchoring through the import route

const IMPORT_QUOTES = SMOKE ? 200 : 1_000;
const PING_EVERY_MS = 20;
type TImportRun = { ms: number; maxPing: number; counts: { anchored: number; moved: number; failed: number } };

/** Requests a cheap route every PING_EVERY_MS until `until` settles; the slowest answer shows how long the server's event loop was blocked. */
async function pingWhile(until: Promise<unknown>): Promise<number> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => {});
  let slowest = 0;
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${BASE_URL}/api/v1/openapi.json`, { signal: AbortSignal.timeout(WAIT_MS) });
    await response.arrayBuffer();
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PING_EVERY_MS));
  }
  return slowest;
}

/**
 * The first IMPORT_QUOTES annotations of the W3C export, previewed (dryRun) for import into the
 * edited copy of the document: the production build re-anchors them on its worker thread
 * (lib/anchoring/reanchor-async.ts) while this pings another route.
 */
async function importRun(data: TBenchData, w3c: ArrayBuffer): Promise<TImportRun> {
  const collection = JSON.parse(Buffer.from(w3c).toString("utf8")) as { first: { items: unknown[] } };
  collection.first.items = collection.first.items.slice(0, IMPORT_QUOTES);
  const started = performance.now();
  const request = fetch(`${BASE_URL}/api/v1/documents/${data.editedId}/annotations/import`, {
    method: "POST",
    headers: { Authorization: `Bearer ${data.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ format: "w3c", content: JSON.stringify(collection), dryRun: true }),
    signal: AbortSignal.timeout(WAIT_MS),
  }).then(async (response) => ({ status: response.status, body: await response.text(), ms: performance.now() - started }));
  const maxPing = await pingWhile(request);
  const { status, body, ms } = await request;
  if (status !== 200) throw new Error(`import preview: HTTP ${status}: ${body.slice(0, 500)}`);
  const preview = JSON.parse(body) as { items: unknown[]; counts: TImportRun["counts"] };
  if (preview.items.length !== IMPORT_QUOTES) throw new Error(`import preview: ${preview.items.length} items, expected ${IMPORT_QUOTES}`);
  return { ms, maxPing, counts: preview.counts };
}

// ---------------------------------------------------------------- in this process

/**
 * lib/reports/load.ts and lib/db.ts import "server-only", which throws outside Next's server
 * bundle (vitest aliases it the same way), and lib/sources/citation.ts imports a style file through
 * rehype-citation's old folder export ("./node/"), which Next's bundler maps and Node 20 no longer does.
 */
function allowServerModules() {
  const id = require.resolve("server-only");
  const stub = new Module(id);
  stub.loaded = true;
  stub.exports = {};
  require.cache[id] = stub;
  type TResolve = (request: string, ...rest: unknown[]) => string;
  const loader = Module as unknown as { _resolveFilename: TResolve };
  const resolve = loader._resolveFilename;
  const folder = "rehype-citation/node/";
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    const mapped = request.startsWith(folder) ? path.join(projectRoot, "node_modules/rehype-citation/dist/node", request.slice(folder.length)) : request;
    return resolve.call(this, mapped, ...rest);
  };
}

/** Database read and rendering, timed apart, RUNS times per format after one warm-up. */
async function measureInProcess(databaseUrl: string, data: TBenchData, timings: Map<TExportFormat, TTiming>) {
  process.env.DATABASE_URL = databaseUrl;
  allowServerModules();
  const { loadDocumentReport } = await import("../lib/reports/load");
  const { renderExport, REPORT_PARTS } = await import("../lib/exports/registry");
  const { ZReportQuery } = await import("../lib/reports/schemas");
  const { reportOptions } = await import("../lib/exports/download");
  const options = reportOptions(ZReportQuery.parse(Object.fromEntries(new URLSearchParams(QUERY))));
  // As the route does (lib/exports/download.ts): only the parts of the report the format reads.
  const load = (format: TExportFormat) => loadDocumentReport({ userId: data.userId, documentId: data.documentId, origin: BASE_URL, options, parts: REPORT_PARTS[format] });
  await load("json"); // warm-up: connections, Prisma's query plans
  for (const { format } of FORMATS) {
    const timing = timings.get(format)!;
    await renderExport({ report: await load(format), format, name: "bench" });
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      const report = await load(format);
      timing.load.push(performance.now() - started);
      started = performance.now();
      await renderExport({ report, format, name: report.documents[0].title });
      timing.render.push(performance.now() - started);
    }
    log(`in process: ${format}: render ${Math.round(median(timing.render))} ms`);
  }
}

// ---------------------------------------------------------------- table

const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));
const medianAndMax = (values: readonly number[]) => `${formatMs(median(values))} / ${formatMs(Math.max(...values))}`;
const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);

function printReport(data: TBenchData, timings: Map<TExportFormat, TTiming>) {
  const { counts } = data;
  console.log(
    `\nExports: "${CORPUS_TITLE}" with ${COUNT.toLocaleString("en-US")} annotations (${counts.sourced.toLocaleString("en-US")} citing a source, ` +
      `${counts.evidence.toLocaleString("en-US")} evidence items, ${counts.chains} chains, ${counts.comments} comments), ?${QUERY}; ` +
      `${os.cpus().length} cores; median / max of ${RUNS} runs after one warm-up, next start (production build).\n`,
  );
  const rows = FORMATS.map(({ format, target }) => {
    const t = timings.get(format)!;
    return [format, medianAndMax(t.http), target, formatMs(t.first), medianAndMax(t.load), medianAndMax(t.render), formatSize(t.bytes)];
  });
  console.log(markdownTable(["format", "GET /export, ms", "target", "first GET, ms", "load (DB), ms", "render, ms", "size"], rows, new Set([0, 2])));
  console.log(
    "\nGET /export: request sent to last byte received, with a Bearer token, through the real route (auth, load, render, response). " +
      "load (DB) and render: loadDocumentReport and renderExport (lib/reports, lib/exports) called in the bench's own process, timed apart. " +
      "Targets from issue 7, \"Speed\" 4.",
  );
}

function printImports(runs: readonly TImportRun[], idlePing: number) {
  const counts = runs[runs.length - 1].counts;
  console.log(
    `\nRe-anchoring in the production build: POST /api/v1/documents/:id/annotations/import (dryRun) of the first ${IMPORT_QUOTES.toLocaleString("en-US")} ` +
      `annotations of the W3C export into the document after edits (bench/reanchor.ts); median / max of ${runs.length} runs after one that starts the worker.\n`,
  );
  console.log(
    markdownTable(
      ["import preview, ms", "slowest ping meanwhile, ms", "slowest ping idle, ms", "anchored", "moved", "failed"],
      [[medianAndMax(runs.map((r) => r.ms)), medianAndMax(runs.map((r) => r.maxPing)), formatMs(idlePing), String(counts.anchored), String(counts.moved), String(counts.failed)]],
    ),
  );
  console.log(
    `\nimport preview: the whole request (parse, source matching, re-anchoring on the worker thread, response). ping: GET /api/v1/openapi.json every ${PING_EVERY_MS} ms ` +
      "meanwhile; a re-anchoring on the server's main thread would hold every ping for its whole duration.",
  );
}

// ---------------------------------------------------------------- main

async function main() {
  const databaseUrl = await startBench({ shutdown, profile: "bench-exports", deadlineMs: DEADLINE_MS });
  const data = await createBenchData(databaseUrl);
  log(`inserted ${COUNT.toLocaleString("en-US")} annotations, ${data.counts.evidence} evidence items, ${data.counts.comments} comments`);
  await startServer({ databaseUrl, port: PORT, waitMs: WAIT_MS, shutdown });

  const timings = new Map<TExportFormat, TTiming>(FORMATS.map(({ format }) => [format, { first: 0, http: [], bytes: 0, load: [], render: [] }]));
  let w3c: ArrayBuffer | null = null;
  for (const { format } of FORMATS) {
    const timing = timings.get(format)!;
    const warmUp = await fetchExport(data, format); // warm-up: the route's first compile and caches
    timing.first = warmUp.ms;
    timing.bytes = warmUp.bytes;
    if (format === "w3c") w3c = warmUp.body;
    for (let run = 0; run < RUNS; run++) timing.http.push((await fetchExport(data, format)).ms);
    log(`GET ${format}: ${medianAndMax(timing.http)} ms, ${formatSize(timing.bytes)}`);
  }
  const idlePing = await pingWhile(new Promise((resolve) => setTimeout(resolve, 1_000)));
  const imports: TImportRun[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const result = await importRun(data, w3c!);
    if (run > 0 || SMOKE) imports.push(result); // the first starts the worker thread
    log(`import preview of ${IMPORT_QUOTES} quotes: ${Math.round(result.ms)} ms, slowest ping meanwhile ${Math.round(result.maxPing)} ms`);
  }
  await measureInProcess(databaseUrl, data, timings);
  printReport(data, timings);
  printImports(imports, idlePing);
  shutdown.exit(0);
}

main().catch((error) => {
  console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
  shutdown.exit(1);
});
