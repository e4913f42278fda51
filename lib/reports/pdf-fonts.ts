/**
 * What the PDF report sets up in pdfkit once per process rather than per report: the embedded
 * DejaVu faces with their cache of shaped words, and a faster byte conversion of the content
 * streams. Everything here reaches into pdfkit 0.20's internals; the report's layout is in
 * render-pdf.ts and pdf-flow.ts.
 */
import path from "node:path";
import type PDFDocument from "pdfkit";
import type { TEmbeddedFont } from "@/lib/reports/pdf-flow";

// Read from node_modules at run time: the font files are data, not modules for the bundler.
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const FONT_FILES = {
  regular: path.join(FONT_DIR, "DejaVuSans.ttf"),
  bold: path.join(FONT_DIR, "DejaVuSans-Bold.ttf"),
  italic: path.join(FONT_DIR, "DejaVuSans-Oblique.ttf"),
} as const;
export type TFontKey = keyof typeof FONT_FILES;
/**
 * Fonts are registered under these names and always chosen by them, which is how pdfkit caches
 * them within a document: a face chosen by another name would be parsed again on every switch to
 * it (pdfkit 0.20 returns the loaded face without caching the new name).
 */
export const FONT: Record<TFontKey, string> = { regular: "pv-regular", bold: "pv-bold", italic: "pv-italic" };

/**
 * What pdfkit's EmbeddedFont keeps that is worth keeping across reports: the parsed fontkit face
 * and the cache of laid-out words (pdfkit lays out and measures text a word at a time, through
 * fontkit's OpenType shaping, ~0.1 ms a word, and caches the result per document only). Shared
 * per process, a report lays out only the words no earlier report used. The cached runs hold
 * glyph ids, advances and positions already scaled to the face's 1,000 units, the same for any
 * document using the face; each document still embeds its own subset.
 */
type TPdfkitFont = TEmbeddedFont & { font: { layout: unknown }; layoutCache?: Record<string, unknown> };
type TSharedFace = { face: TPdfkitFont["font"]; layoutCache: Record<string, unknown> };
const SHARED_FACES = new Map<TFontKey, TSharedFace>();
/** Words kept per face before the cache starts over (a few hundred bytes each). */
const MAX_CACHED_WORDS = 200_000;

type TWritable = { write(chunk: Uint8Array | string): void };
let fastWritesInstalled = false;

/**
 * pdfkit turns every content-stream operator it writes (a colour, a text position, a run of
 * glyphs: hundreds of thousands in a long report) into bytes with a JavaScript loop over the
 * string's characters (`charCodeAt(i) & 0xff`). Node's latin1 encoder does the same in native
 * code, from a pooled buffer; same bytes, a fraction of the time and garbage. Installed once on
 * pdfkit's reference class, reached through a page's content stream (the class is not exported).
 */
export function installFastWrites(doc: InstanceType<typeof PDFDocument>) {
  if (fastWritesInstalled) return;
  const reference = Object.getPrototypeOf((doc.page as unknown as { content: TWritable }).content) as TWritable;
  const write = reference.write;
  reference.write = function (this: TWritable, chunk: Uint8Array | string) {
    return write.call(this, chunk instanceof Uint8Array ? chunk : Buffer.from(`${chunk}\n`, "latin1"));
  };
  fastWritesInstalled = true;
}

/** Registers the three faces with a new document, gives it the process's word cache for each, and returns them. */
export function attachSharedFonts(doc: InstanceType<typeof PDFDocument>): Record<TFontKey, TEmbeddedFont> {
  const internals = doc as unknown as { _font: TPdfkitFont };
  const faces = {} as Record<TFontKey, TEmbeddedFont>;
  for (const key of Object.keys(FONT_FILES) as TFontKey[]) {
    let shared = SHARED_FACES.get(key);
    if (shared && Object.keys(shared.layoutCache).length > MAX_CACHED_WORDS) shared = undefined;
    // pdfkit takes a parsed fontkit face as a font source (anything with a layout method); its types admit only files.
    doc.registerFont(FONT[key], (shared?.face ?? FONT_FILES[key]) as unknown as string);
    doc.font(FONT[key]);
    const embedded = internals._font;
    if (shared) embedded.layoutCache = shared.layoutCache;
    else SHARED_FACES.set(key, { face: embedded.font, layoutCache: (embedded.layoutCache ??= Object.create(null) as Record<string, unknown>) });
    faces[key] = embedded;
  }
  doc.font(FONT.regular);
  return faces;
}
