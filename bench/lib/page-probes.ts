/**
 * What the reading-view bench reads from a page: the app's `pv:paint` measures (recorded after each
 * highlight sync, see components/annotator/annotator.tsx), long tasks, painted ranges, navigation
 * timing and the heap.
 */
import type { Page } from "@playwright/test";

export type TPaint = { end: number; duration: number };
/** Where the time before painting went: navigation timing, in ms from navigation start, and sizes. */
export type TPhases = { ttfb: number; htmlReceived: number; domContentLoaded: number; htmlBytes: number; elements: number };

declare global {
  interface Window {
    __pvLongTasks?: Array<{ start: number; duration: number }>;
  }
}

/** Runs in the page before any of its scripts: keeps every long task (> 50 ms) of the main thread. */
export function observeLongTasks() {
  const tasks: Array<{ start: number; duration: number }> = [];
  window.__pvLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
}

export async function paintMeasureCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName("pv:paint", "measure").length);
}

/** The first `pv:paint` measure after the first `skip` ones whose detail.count is `count`. */
export async function waitForPaint(page: Page, count: number, skip = 0, timeout = 60_000): Promise<TPaint> {
  const found = await page.waitForFunction(
    ({ count, skip }) => {
      const entries = performance.getEntriesByName("pv:paint", "measure").slice(skip) as PerformanceMeasure[];
      const entry = entries.find((e) => e.detail?.count === count);
      return entry ? { end: entry.startTime + entry.duration, duration: entry.duration } : null;
    },
    { count, skip },
    { timeout, polling: 100 },
  );
  return (await found.jsonValue()) as TPaint;
}

/** The longest task that started before `until` (ms from navigation start); 0 when none passed 50 ms. */
export async function longestTaskBefore(page: Page, until: number): Promise<number> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300))); // observers report late
  return page.evaluate((until) => Math.max(0, ...(window.__pvLongTasks ?? []).filter((t) => t.start < until).map((t) => t.duration)), until);
}

/** Ranges in the status highlights (every `pv-*` but the selection). */
export async function paintedRangeCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    let total = 0;
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith("pv-") && name !== "pv-selected") total += highlight.size;
    });
    return total;
  });
}

export async function navigationPhases(page: Page): Promise<TPhases> {
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

export async function heapUsedAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("HeapProfiler.collectGarbage");
    return (await cdp.send("Runtime.getHeapUsage")).usedSize;
  } finally {
    await cdp.detach();
  }
}

type TTraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };
export type TTraceRow = { name: string; selfMs: number };
/** A top-level main-thread task over 20 ms: its start (ms from navigation start), length and the slice that took most of it. */
export type TTraceTask = { startMs: number; ms: number; mostly: string };

/**
 * `--trace`: where the main thread's time went between navigation start and `untilMs` after it, from a
 * Chrome trace (Playwright's browser.startTracing): self time per trace event name on the page's
 * renderer main thread (ParseHTML, EvaluateScript, FunctionCall, UpdateLayoutTree, Layout, Paint…).
 */
export function summarizeTrace(json: string, untilMs: number, top = 18): { totalMs: number; rows: TTraceRow[]; tasks: TTraceTask[] } {
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
export function summarizeCpuProfile(profile: { nodes: TProfileNode[]; samples?: number[]; timeDeltas?: number[] }, top = 25): TTraceRow[] {
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
