import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { cpSlice, utf16ToCp } from "@/lib/anchoring/code-points";
import {
  attributionSentences,
  blankPagesPdf,
  CORPUS_FILES,
  corpusText,
  encryptedPdf,
  pdfFromText,
  pdfWithoutText,
  truncated,
} from "@/e2e/fixtures/intake-fixtures";
import { extractDocument } from "./extract";
import { IntakeError, type TExtracted, type TPageStart } from "./types";

/**
 * Text compared "whitespace aside": runs of whitespace are one space, and a hyphen with the
 * whitespace after it is dropped on both sides (a word the corpus or the PDF layout broke at a
 * line end is joined in the extraction; see joinHyphenated).
 */
const norm = (text: string) => text.replace(/-\s*/g, "").replace(/\s+/g, " ").trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A regular expression for a sentence of the original as the extraction may lay it out: the
 * spaces between words are any whitespace (never none, so a lost space still fails), a line may
 * break inside a word (pdfkit wraps long URLs after "/" and "?"), and a hyphen may be gone with
 * the line break after it (joinHyphenated).
 */
function laidOut(sentence: string): RegExp {
  const words = sentence.replace(/-\s+/g, "-").replace(/\s+/g, " ").trim().split(" ");
  const word = (w: string) =>
    Array.from(w)
      .map((c) => (c === "-" ? "-?\\s*" : escape(c)))
      .join("\n?");
  return new RegExp(words.map(word).join("\\s+"));
}
const pdftotext = (pdf: Buffer, page?: number) =>
  execFileSync("pdftotext", ["-enc", "UTF-8", ...(page ? ["-f", String(page), "-l", String(page)] : []), "-", "-"], { input: pdf }).toString("utf8");
/** The page (1-based) holding code-point offset `cp`. */
const pageAt = (pages: TPageStart[], cp: number) => pages.filter((p) => p.start <= cp).at(-1)?.number;

async function refusal(promise: Promise<unknown>): Promise<IntakeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntakeError);
  return error as IntakeError;
}

describe("a PDF printed from the compilation", () => {
  const original = corpusText(CORPUS_FILES.compilation);
  let pdf: Buffer;
  let result: TExtracted;

  beforeAll(async () => {
    pdf = await pdfFromText(original, {
      pages: 3,
      emptyPageAfter: [0],
      lines: ["A closing note on consti-", "tutional law, the Indo-", "European ﬁeld and the years 1991-", "1992."],
      info: { title: "Khojaly Genocide", author: "Presidential Library; Jane Roe and John Doe", creationDate: new Date("2012-02-20T10:00:00Z"), lang: "en-GB" },
    });
    result = await extractDocument({ bytes: pdf, fileName: "compilation.pdf" });
  }, 60_000);

  it("holds every sentence of the original, whitespace aside", () => {
    const sentences = original.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0);
    expect(sentences.length).toBeGreaterThan(500);
    const missing = sentences.filter((s) => !laidOut(s).test(result.text));
    expect(missing).toEqual([]);
    expect(result.text).not.toMatch(/\n\s*\n/);
  });

  it("lists every page with its start, as many as the PDF has", () => {
    const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", ["-"], { input: pdf }).toString())?.[1]);
    expect(pageCount).toBeGreaterThan(60);
    expect(result.pageCount).toBe(pageCount);
    expect(result.pages?.map((p) => p.number)).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
    expect(result.pages?.[0].start).toBe(0);
    for (let i = 1; i < pageCount; i++) expect(result.pages![i].start).toBeGreaterThanOrEqual(result.pages![i - 1].start);
  });

  it("puts sentences on the page where pdftotext finds them", () => {
    const pages = result.pages!;
    const candidates = attributionSentences(original)
      .map((s) => s.split(" ").slice(0, 8).join(" "))
      .filter((snippet) => !snippet.includes("-") && snippet.length > 30);
    const checked: Array<{ snippet: string; page: number | undefined }> = [];
    for (const snippet of candidates.filter((_, i) => i % 6 === 0)) {
      const pattern = new RegExp(snippet.split(" ").map(escape).join("\\s+"));
      const at = pattern.exec(result.text);
      expect(at, snippet).not.toBeNull();
      const start = utf16ToCp(result.text, at!.index);
      const end = utf16ToCp(result.text, at!.index + at![0].length);
      const page = pageAt(pages, start);
      // A snippet across a page break is on no single page; skip it.
      if (page !== pageAt(pages, end)) continue;
      checked.push({ snippet, page });
      expect(norm(pdftotext(pdf, page)), `${snippet} on page ${page}`).toContain(norm(snippet));
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
    expect(new Set(checked.map((c) => c.page)).size).toBeGreaterThanOrEqual(8);
  });

  it("lists the page without text, as pdftotext sees it, with a warning", () => {
    const empty = pdftotext(pdf)
      .split("\f")
      .slice(0, result.pageCount!)
      .flatMap((text, i) => (text.trim() ? [] : [i + 1]));
    expect(empty).toHaveLength(1);
    expect(result.stats.emptyPages).toEqual(empty);
    expect(result.warnings).toContainEqual({ code: "pages-without-text", count: 1, message: `No text on page ${empty[0]} (images or scans are not read)` });
    // An empty page starts where the next page's text does.
    const [n] = empty;
    expect(result.pages![n - 1].start).toBe(result.pages![n].start);
  });

  it("decomposes the ligature and joins the hyphenated word, counting both", () => {
    expect(original).not.toMatch(/[\ufb00-\ufb06]/);
    expect(result.text).not.toMatch(/[\ufb00-\ufb06]/);
    expect(result.text).toContain("A closing note on constitutional law, the Indo-European field and the years 1991-1992.");
    expect(result.stats.ligatures).toBe(1);
    expect(result.warnings).toContainEqual({ code: "ligatures", count: 1, message: "1 ligature (such as “ﬁ”) replaced by separate letters" });
    // The compilation itself has words broken at line ends ("suf-" / "fering"), joined too.
    expect(result.text).toContain("increased suffering");
    expect(result.stats.hyphenationsJoined).toBeGreaterThan(1);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: "hyphenation", count: result.stats.hyphenationsJoined }));
  });

  it("reads the info dictionary", () => {
    expect(result).toMatchObject({
      format: "pdf",
      mediaType: "application/pdf",
      title: "Khojaly Genocide",
      metadata: { authors: ["Presidential Library", "Jane Roe", "John Doe"], datePublished: "2012-02-20T10:00:00Z", language: "en-GB", publisher: null, url: null },
    });
  });
});

describe("small PDFs", () => {
  it("counts exactly the repairs it made", async () => {
    const pdf = await pdfFromText("Intro.", { lines: ["the inter-", "national ﬂow", "Indo-", "European"] });
    const result = await extractDocument({ bytes: pdf });
    expect(result.text).toBe("Intro.\nthe international flow\nIndo-European");
    expect(result.stats).toMatchObject({ ligatures: 1, hyphenationsJoined: 1, emptyPages: [] });
    expect(result.title).toBe("Untitled document");
  });

  it("counts page starts in code points when an astral character comes before the break", async () => {
    // Astral characters DejaVu Sans has a glyph for (one it lacks would print as nothing).
    const first = "First page with an emoji 😀 and double-struck 𝔸 𝟘 here.";
    const pdf = await pdfFromText(`${first}\n\nSecond page starts here.`, { pages: 2 });
    const { text, pages } = await extractDocument({ bytes: pdf });
    expect(pages).toHaveLength(2);
    const second = pages![1].start;
    expect(text.indexOf("Second page")).toBe(second + 3); // three astral characters, three UTF-16 units more
    expect(cpSlice(text, second, second + 11)).toBe("Second page");
    expect(cpSlice(text, 0, second)).toBe(`${first}\n`);
  });

  it("reads a PDF restricted by an owner password only (it opens without one)", async () => {
    const result = await extractDocument({ bytes: await pdfFromText("Copying is restricted, reading is not.", { ownerPassword: "owner" }) });
    expect(result.text).toBe("Copying is restricted, reading is not.");
  });
});

describe("PDFs that cannot be imported", () => {
  it("refuses a PDF that needs a password", async () => {
    const error = await refusal(extractDocument({ bytes: await encryptedPdf(), fileName: "secret.pdf" }));
    expect(error).toMatchObject({ status: 422, code: "encrypted", message: "This PDF is encrypted; remove the password and upload it again" });
  });

  it("refuses a scan without a text layer", async () => {
    const error = await refusal(extractDocument({ bytes: await pdfWithoutText(), fileName: "scan.pdf" }));
    expect(error).toMatchObject({ status: 422, code: "no-text-layer", message: "This PDF has no text layer (it is a scan); OCR is not supported yet" });
  });

  it("refuses a truncated PDF with a reason", async () => {
    const whole = await pdfFromText(corpusText(CORPUS_FILES.statement));
    const error = await refusal(extractDocument({ bytes: truncated(whole), fileName: "statement.pdf" }));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/^This PDF is damaged\b.*\(.+\)$/);
  });

  it("refuses more than 2,000 pages before reading them", async () => {
    const error = await refusal(extractDocument({ bytes: await blankPagesPdf(2_001) }));
    expect(error).toMatchObject({ status: 413, code: "too-many-pages", message: "This PDF has 2,001 pages; a document may have at most 2,000 pages" });
  });
});
