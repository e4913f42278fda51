/**
 * What the reading-view bench reads from a page: the app's `pv:paint` measures (recorded after each
 * highlight sync, see components/annotator/annotator.tsx), long tasks, painted ranges, navigation
 * timing and the heap.
 */
import type { Page } from "@playwright/test";
import { formatMb, formatMs, median } from "./table";

export type TPaint = { end: number; duration: number };
/** Where the time before painting went: navigation timing, in ms from navigation start, and sizes. */
export type TPhases = { ttfb: number; textShown: number; htmlReceived: number; domContentLoaded: number; annotationsArrived: number; htmlBytes: number; elements: number };

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
export function longestTaskBefore(page: Page, until: number): Promise<number> {
  return longestTaskBetween(page, 0, until);
}

/** The longest task that started in [from, until) (ms from navigation start); 0 when none passed 50 ms. */
export async function longestTaskBetween(page: Page, from: number, until: number): Promise<number> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300))); // observers report late
  return page.evaluate(
    ({ from, until }) => Math.max(0, ...(window.__pvLongTasks ?? []).filter((t) => t.start >= from && t.start < until).map((t) => t.duration)),
    { from, until },
  );
}

/** The page's clock (ms from navigation start). */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
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

/**
 * Navigation timing, the first contentful paint (the text shown, before its highlights: the page
 * streams the text first and the annotations after it) and the start of the first `pv:paint` whose
 * detail.count is `count` (the annotations handed to the painter).
 */
export async function navigationPhases(page: Page, count: number): Promise<TPhases> {
  return page.evaluate((count) => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const paint = (performance.getEntriesByName("pv:paint", "measure") as PerformanceMeasure[]).find((e) => e.detail?.count === count);
    return {
      ttfb: nav.responseStart,
      textShown: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
      htmlReceived: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      annotationsArrived: paint?.startTime ?? 0,
      htmlBytes: nav.decodedBodySize,
      elements: document.getElementsByTagName("*").length,
    };
  }, count);
}

/** The columns of a "where the time to painted goes" table, after the row's label. */
export const PHASE_COLUMNS = ["HTML, MB", "DOM elements", "first byte, ms", "text shown, ms", "HTML received, ms", "DOMContentLoaded, ms", "painter has the annotations, ms", "painted, ms"];

/** Those columns' cells: medians over the runs (`navToPainted`: the end of the pv:paint that painted them all). */
export function phaseCells(runs: ReadonlyArray<{ phases: TPhases; navToPainted: number }>): string[] {
  const mid = (pick: (phases: TPhases) => number) => median(runs.map((r) => pick(r.phases)));
  return [
    formatMb(mid((p) => p.htmlBytes)),
    Math.round(mid((p) => p.elements)).toLocaleString("en-US"),
    formatMs(mid((p) => p.ttfb)),
    formatMs(mid((p) => p.textShown)),
    formatMs(mid((p) => p.htmlReceived)),
    formatMs(mid((p) => p.domContentLoaded)),
    formatMs(mid((p) => p.annotationsArrived)),
    formatMs(median(runs.map((r) => r.navToPainted))),
  ];
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
