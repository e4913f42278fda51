/**
 * The comparison in bench/reading-view.ts: @recogito/text-annotator 4.1.1 (a dev dependency, used
 * only here) painting the same spans on the same text, in the same headless Chromium.
 *
 * A static page (page.setContent, no server) holds the text laid out as the reading view lays it out
 * (one paragraph per line, same font, width and white-space), with a "\n" text node between
 * paragraphs so that recogito's offsets (UTF-16 units over the container's text nodes) are the
 * text's own. Its self-contained UMD bundle is added as a script tag.
 *
 * What is timed, like the app's `pv:paint`: from handing it the parsed annotations
 * (`setAnnotations`, W3C Web Annotations with a TextQuoteSelector and a TextPositionSelector) to the
 * animation frame after its renderer reported the redraw. Recogito's default renderer ("SPANS")
 * revives each selector to a DOM Range by walking the container's text nodes, computes every
 * annotation's client rects into an R-tree, then, 10 ms debounced and in an animation frame, draws one
 * absolutely positioned <span> per rect of the annotations in the viewport, and emits `onRedraw` from
 * a timeout after that.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { STATUS_INFO, type TStatus } from "../../lib/statuses";
import { projectRoot } from "../../scripts/lib/database";
import type { TSpan } from "./spans";

const DIST = path.join(projectRoot, "node_modules", "@recogito", "text-annotator", "dist");
export const RECOGITO_VERSION = (JSON.parse(fs.readFileSync(path.join(DIST, "..", "package.json"), "utf8")) as { version: string }).version;

export type TRecogitoRun = { ms: number; stored: number; drawn: number };

type TW3CAnnotation = {
  id: string;
  type: "Annotation";
  body: Array<{ type: "TextualBody"; purpose: "tagging"; value: TStatus }>;
  target: { source: string; selector: Array<{ type: "TextQuoteSelector"; exact: string } | { type: "TextPositionSelector"; start: number; end: number }> };
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The reading view's text layout (app/globals.css .document-text), without the app around it. */
function pageHtml(text: string): string {
  const paragraphs = text
    .split("\n")
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 1.5rem 2rem; }
#text { max-width: 46rem; font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem; line-height: 1.6; }
#text p { margin: 0; min-height: 1.6em; white-space: pre-wrap; overflow-wrap: break-word; }
</style></head><body><div id="text">${paragraphs}</div></body></html>`;
}

/** UTF-16 offset of every code-point offset of `text` (recogito counts UTF-16 units). */
function utf16Offsets(text: string): Int32Array {
  const cps = Array.from(text);
  const out = new Int32Array(cps.length + 1);
  let units = 0;
  cps.forEach((c, i) => {
    out[i] = units;
    units += c.length;
  });
  out[cps.length] = units;
  return out;
}

/** The spans as W3C Web Annotations, status as a tagging body (for its colour). */
export function w3cAnnotations(text: string, spans: readonly TSpan[]): TW3CAnnotation[] {
  const units = utf16Offsets(text);
  return spans.map((span, i) => {
    const start = units[span.start];
    const end = units[span.end];
    return {
      id: `bench-${i}`,
      type: "Annotation",
      body: [{ type: "TextualBody", purpose: "tagging", value: span.status }],
      target: {
        source: "bench",
        selector: [
          { type: "TextQuoteSelector", exact: text.slice(start, end) },
          { type: "TextPositionSelector", start, end },
        ],
      },
    };
  });
}

/** Runs in the page: creates the annotator, lets it settle, then times setAnnotations to painted. */
async function paintInPage(args: { annotations: TW3CAnnotation[]; colours: Record<string, string> }): Promise<TRecogitoRun> {
  type TRecogito = {
    createTextAnnotator: (el: HTMLElement, options: object) => {
      setAnnotations: (a: unknown[], replace?: boolean) => void;
      getAnnotations: () => unknown[];
      renderer: { on: (event: "onRedraw", cb: () => void) => () => void };
      state: { store: { all: () => Array<{ target: { selector: Array<{ range?: Range }> } }> } };
    };
    W3CTextFormat: (source: string, container: HTMLElement) => unknown;
  };
  const recogito = (window as unknown as { RecogitoJS: TRecogito }).RecogitoJS;
  const container = document.getElementById("text") as HTMLElement;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const anno = recogito.createTextAnnotator(container, {
    adapter: recogito.W3CTextFormat("bench", container),
    style: (annotation: { bodies: Array<{ value?: string }> }) => ({ fill: args.colours[annotation.bodies[0]?.value ?? ""] ?? "#ccc", fillOpacity: 0.35 }),
  });
  // Its first redraws (resize observer, initial viewport) must be over before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await frame();
  const painted = new Promise<number>((resolve) => {
    const off = anno.renderer.on("onRedraw", () => {
      off();
      requestAnimationFrame(() => resolve(performance.now()));
    });
  });
  const started = performance.now();
  anno.setAnnotations(args.annotations, true);
  const ended = await painted;
  const stored = anno.state.store.all().filter((a) => a.target.selector.every((s) => s.range && !s.range.collapsed)).length;
  return { ms: ended - started, stored, drawn: container.querySelectorAll(".r6o-annotation").length };
}

/** One fresh page per run; returns each run's figures. */
export async function measureRecogito(browser: Browser, options: { text: string; spans: readonly TSpan[]; runs: number; viewport: { width: number; height: number } }): Promise<TRecogitoRun[]> {
  const context = await browser.newContext({ viewport: options.viewport });
  const annotations = w3cAnnotations(options.text, options.spans);
  const colours = Object.fromEntries(Object.entries(STATUS_INFO).map(([status, info]) => [status, info.colour]));
  const html = pageHtml(options.text);
  const results: TRecogitoRun[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      const page = await context.newPage();
      page.on("console", () => undefined); // it logs every redraw's duration
      try {
        await page.setContent(html);
        await page.addStyleTag({ path: path.join(DIST, "text-annotator.css") });
        // The bundle reads process.env.NODE_ENV (as a bundler would have replaced it); tsx compiles
        // with esbuild's keepNames, which wraps paintInPage's named functions in `__name(...)`.
        await page.evaluate('globalThis.process = { env: { NODE_ENV: "production" } }; globalThis.__name = (fn) => fn;');
        await page.addScriptTag({ path: path.join(DIST, "text-annotator.umd.js") });
        results.push(await page.evaluate(paintInPage, { annotations, colours }));
      } finally {
        await page.close();
      }
    }
  } finally {
    await context.close();
  }
  return results;
}
