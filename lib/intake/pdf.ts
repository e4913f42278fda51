/**
 * A PDF's text layer, page by page, with each page's start offset in the canonical text. Runs
 * pdf.js (unpdf's serverless build: no worker thread, no network, no native code) in this process.
 * Pages are read one at a time and released, so memory stays bounded by one page.
 */
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import { canonicalText, codePointLength } from "@/lib/documents/text";
import { MAX_PDF_PAGES } from "@/lib/intake/limits";
import { cleanValue, pdfDate, splitAuthors } from "@/lib/intake/metadata";
import { decomposeLigatures, joinHyphenated, pageLines, wordCounts, type TPdfTextItem } from "@/lib/intake/pdf-lines";
import { IntakeError, reasonOf, type TFormatResult, type TIntakeWarning, type TPageStart } from "@/lib/intake/types";

type TPdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type TInfo = { Title?: unknown; Author?: unknown; CreationDate?: unknown; Language?: unknown; EncryptFilterName?: unknown };

const ENCRYPTED = "This PDF is encrypted; remove the password and upload it again";
const NO_TEXT_LAYER = "This PDF has no text layer (it is a scan); OCR is not supported yet";

export async function extractPdf({ bytes }: { bytes: Uint8Array }): Promise<TFormatResult> {
  const pdfjs = await getResolvedPDFJS();
  let pdf: TPdfDocument;
  try {
    // pdf.js takes ownership of the buffer it is given (and refuses a Buffer): a plain copy, so the caller keeps the original.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: pdfjs.VerbosityLevel.ERRORS, disableFontFace: true });
  } catch (error) {
    if (isPasswordError(error)) throw new IntakeError(422, "encrypted", ENCRYPTED, { cause: error });
    throw new IntakeError(422, "damaged", `This PDF is damaged and cannot be read (${reasonOf(error)})`, { cause: error });
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new IntakeError(413, "too-many-pages", `This PDF has ${pdf.numPages.toLocaleString("en-US")} pages; a document may have at most 2,000 pages`);
    }
    const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as TInfo;
    const layout = await readPages(pdf, (text) => pdfjs.normalizeUnicode(text) as string);
    if (layout.emptyPages.length === pdf.numPages) {
      throw info.EncryptFilterName ? new IntakeError(422, "encrypted", ENCRYPTED) : new IntakeError(422, "no-text-layer", NO_TEXT_LAYER);
    }
    return {
      text: layout.text,
      title: pdfTitle(info.Title),
      pages: layout.pages,
      pageCount: pdf.numPages,
      metadata: {
        authors: typeof info.Author === "string" ? splitAuthors(info.Author) : [],
        datePublished: typeof info.CreationDate === "string" ? pdfDate(info.CreationDate) : null,
        language: typeof info.Language === "string" ? cleanValue(info.Language) : null,
      },
      warnings: layoutWarnings(layout),
      stats: { ligatures: layout.ligatures, hyphenationsJoined: layout.hyphenationsJoined, emptyPages: layout.emptyPages },
    };
  } finally {
    await pdf.loadingTask.destroy().catch(() => undefined);
  }
}

type TLayout = { text: string; pages: TPageStart[]; emptyPages: number[]; ligatures: number; hyphenationsJoined: number };

/**
 * The canonical text of every page, joined by one "\n", with the page starts counted in code
 * points of that text. Each page is canonical on its own; NFC never composes or reorders
 * across a "\n" (a starter with no compositions) and lines hold no "\r" (control characters
 * become spaces), so the joined text is canonical too and the offsets hold. A page without
 * text adds no line; its start is where the next page's text begins (or the end of the text).
 */
async function readPages(pdf: TPdfDocument, normalize: (text: string) => string): Promise<TLayout> {
  // First every page's lines (a page at a time, its resources released), then the joins, which ask
  // whether a hyphenated pair's halves are words the whole document uses.
  const pageLinesList: string[][] = [];
  let ligatures = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const items = await pageItems(pdf, number);
    pageLinesList.push(
      pageLines(items).map((line) => {
        const result = decomposeLigatures(line);
        ligatures += result.count;
        return normalize(result.text);
      }),
    );
  }
  const counts = wordCounts(pageLinesList.flat());
  const parts: string[] = [];
  const pages: TPageStart[] = [];
  const emptyPages: number[] = [];
  let length = 0;
  let hyphenationsJoined = 0;
  pageLinesList.forEach((lines, i) => {
    const number = i + 1;
    const joined = joinHyphenated(lines, counts);
    hyphenationsJoined += joined.joined;
    const text = canonicalText(joined.lines.join("\n"));
    const start = parts.length ? length + 1 : 0;
    pages.push({ number, start });
    if (!text.trim()) {
      emptyPages.push(number);
      return;
    }
    parts.push(text);
    length = start + codePointLength(text);
  });
  for (const page of pages) page.start = Math.min(page.start, length);
  return { text: parts.join("\n"), pages, emptyPages, ligatures, hyphenationsJoined };
}

async function pageItems(pdf: TPdfDocument, number: number): Promise<TPdfTextItem[]> {
  let page: Awaited<ReturnType<TPdfDocument["getPage"]>> | null = null;
  try {
    page = await pdf.getPage(number);
    // Normalisation is done here instead (pdfjs.normalizeUnicode after counting ligatures), so that ligatures can be counted.
    const content = await page.getTextContent({ disableNormalization: true });
    return content.items.filter((item): item is typeof item & TPdfTextItem => "str" in item);
  } catch (error) {
    if (isPasswordError(error)) throw new IntakeError(422, "encrypted", ENCRYPTED, { cause: error });
    throw new IntakeError(422, "damaged", `This PDF is damaged: page ${number} cannot be read (${reasonOf(error)})`, { cause: error });
  } finally {
    page?.cleanup();
  }
}

function layoutWarnings(layout: TLayout): TIntakeWarning[] {
  const warnings: TIntakeWarning[] = [];
  const { ligatures, hyphenationsJoined: joined, emptyPages } = layout;
  if (ligatures > 0) {
    warnings.push({ code: "ligatures", count: ligatures, message: `${ligatures} ligature${ligatures === 1 ? "" : "s"} (such as “ﬁ”) replaced by separate letters` });
  }
  if (joined > 0) {
    warnings.push({ code: "hyphenation", count: joined, message: `${joined} word${joined === 1 ? "" : "s"} hyphenated across a line end joined (hyphen removed)` });
  }
  if (emptyPages.length > 0) {
    const list = emptyPages.length > 10 ? `${emptyPages.slice(0, 10).join(", ")} and ${emptyPages.length - 10} more` : emptyPages.join(", ");
    warnings.push({ code: "pages-without-text", count: emptyPages.length, message: `No text on page${emptyPages.length === 1 ? "" : "s"} ${list} (images or scans are not read)` });
  }
  return warnings;
}

/** pdf.js rejects a PDF that needs a password with a PasswordException (its own class, not always an Error). */
function isPasswordError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "PasswordException";
}

/** The info Title, unless it is a placeholder a producer wrote ("Untitled", "Microsoft Word - report.docx"). */
function pdfTitle(value: unknown): string | null {
  const title = typeof value === "string" ? cleanValue(value) : null;
  if (!title || /^untitled\b/i.test(title) || /^microsoft (word|powerpoint) - /i.test(title) || /\.(docx?|pdf|indd|tex|odt|rtf|pptx?)$/i.test(title)) return null;
  return title;
}
