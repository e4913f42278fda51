/**
 * `npm run bench -- reading-view --trace=FILE`: one extra opening of a document, traced. Writes the
 * Chrome trace to FILE and prints where the page's main thread spent its time up to painted (self
 * time by trace slice, tasks over 20 ms) and the functions with the most self time in a V8 CPU profile.
 */
import fs from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { markdownTable } from "./table";

const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"));

type TTraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };
type TTraceRow = { name: string; selfMs: number };
/** A top-level main-thread task over 20 ms: its start (ms from navigation start), length and the slice that took most of it. */
type TTraceTask = { startMs: number; ms: number; mostly: string };

/**
 * `--trace`: where the main thread's time went between navigation start and `untilMs` after it, from a
 * Chrome trace (Playwright's browser.startTracing): self time per trace event name on the page's
 * renderer main thread (ParseHTML, EvaluateScript, FunctionCall, UpdateLayoutTree, Layout, Paint…).
 */
function summarizeTrace(json: string, untilMs: number, top = 18): { totalMs: number; rows: TTraceRow[]; tasks: TTraceTask[] } {
  const events = (JSON.parse(json) as { traceEvents: TTraceEvent[] }).traceEvents;
  const mainThreads = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  // The time origin: the end of the opening's pv:paint measure is `untilMs` after it (the trace's own
  // navigationStart events mark the document's commit, not Navigation Timing's start).
  const paintEnd = events.find((e) => e.name === "pv:paint" && e.ph === "e");
  const byThread = (pid: number, tid: number) => events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e.dur !== undefined);
  // The page's renderer: the main thread that recorded the measure, else the busiest one.
  const main =
    mainThreads.find((t) => paintEnd && t.pid === paintEnd.pid && t.tid === paintEnd.tid) ??
    mainThreads.map((t) => ({ t, n: byThread(t.pid, t.tid).length })).sort((a, b) => b.n - a.n)[0]?.t;
  if (!main) return { totalMs: 0, rows: [], tasks: [] };
  const until = paintEnd?.ts ?? 0;
  const from = until - untilMs * 1_000;
  const slices = byThread(main.pid, main.tid)
    .filter((e) => e.ts >= from && e.ts < until)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: Array<{ name: string; end: number }> = [];
  const tasks: Array<TTraceTask & { children: Map<string, number> }> = [];
  let total = 0;
  for (const e of slices) {
    const end = e.ts + (e.dur ?? 0);
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (e.dur ?? 0));
    else {
      total += e.dur ?? 0;
      if ((e.dur ?? 0) > 20_000) tasks.push({ startMs: (e.ts - from) / 1_000, ms: (e.dur ?? 0) / 1_000, mostly: "", children: new Map() });
    }
    const task = tasks.at(-1);
    if (stack.length >= 1 && task && e.ts < (task.startMs + task.ms) * 1_000 + from) task.children.set(e.name, (task.children.get(e.name) ?? 0) + (e.dur ?? 0));
    self.set(e.name, (self.get(e.name) ?? 0) + (e.dur ?? 0));
    stack.push({ name: e.name, end });
  }
  const rows = [...self.entries()].map(([name, us]) => ({ name, selfMs: us / 1_000 })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  const named = tasks.map(({ children, ...task }) => ({ ...task, mostly: [...children.entries()].filter(([name]) => name !== "RunTask").sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, us]) => `${name} ${Math.round(us / 1_000)}`).join(", ") }));
  return { totalMs: total / 1_000, rows, tasks: named };
}

type TProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } };

/** `--trace`: the functions with the most self time in a V8 CPU profile (CDP Profiler.stop), "name url:line:col". */
function summarizeCpuProfile(profile: { nodes: TProfileNode[]; samples?: number[]; timeDeltas?: number[] }, top = 25): TTraceRow[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i])?.callFrame;
    if (!frame) continue;
    const key = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0));
  }
  return [...self.entries()].map(([name, us]) => ({ name, selfMs: us / 1_000 })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
}

/**
 * Starts a Chrome trace and a V8 CPU profile of `page` (before it navigates); `stop(paintedMs)`, once
 * the opening painted `paintedMs` after navigation start, writes the trace to `file` (the profile to
 * `file`.cpuprofile) and prints both summaries.
 */
export async function traceOpening(context: BrowserContext, page: Page, file: string): Promise<{ stop: (paintedMs: number) => Promise<void> }> {
  const browser = context.browser();
  if (!browser) throw new Error("--trace needs a launched browser");
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await browser.startTracing(page);
  return {
    async stop(paintedMs: number) {
      const trace = await browser.stopTracing();
      fs.writeFileSync(file, trace);
      const summary = summarizeTrace(trace.toString("utf8"), paintedMs);
      console.log(`\n[bench] trace written to ${file}; main thread busy ${Math.round(summary.totalMs)} ms of ${Math.round(paintedMs)} ms to painted`);
      console.log(markdownTable(["slice (self time)", "ms"], summary.rows.map((r) => [r.name, formatMs(r.selfMs)])));
      console.log(markdownTable(["task start, ms", "ms", "mostly (inclusive ms)"], summary.tasks.map((t) => [formatMs(t.startMs), formatMs(t.ms), t.mostly]), new Set([2])));
      const { profile } = await cdp.send("Profiler.stop");
      // Beside the trace, for DevTools' Performance panel or a closer look at one function.
      fs.writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
      console.log(markdownTable(["function (self time, whole profile)", "ms"], summarizeCpuProfile(profile).map((r) => [r.name, formatMs(r.selfMs)]), new Set([0])));
      await cdp.detach();
    },
  };
}
