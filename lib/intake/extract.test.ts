import { describe, expect, it } from "vitest";
import {
  corruptZip,
  docxFromParagraphs,
  encryptedPdf,
  odtLikeZip,
  pdfFromText,
  pdfWithoutText,
  pngImage,
  truncated,
} from "@/e2e/fixtures/intake-fixtures";
import { extractDocument, MAX_IMPORT_BYTES, MAX_PDF_PAGES, type TExtractInput } from "./extract";
import { IntakeError, SUPPORTED_TYPES_MESSAGE } from "./types";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(input: TExtractInput): Promise<IntakeError> {
  const error = await extractDocument(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntakeError);
  return error as IntakeError;
}

describe("extractDocument refuses what it cannot import, with a status and a reason", () => {
  const cases: Array<{ name: string; input: () => Promise<TExtractInput>; status: number; message: string | RegExp }> = [
    {
      name: "a PNG renamed .pdf",
      input: async () => ({ bytes: pngImage(), fileName: "scan.pdf", contentType: "application/pdf" }),
      status: 415,
      message: `“scan.pdf” is not what its name says. This is a PNG image, not a document; OCR is not supported yet. ${SUPPORTED_TYPES_MESSAGE}`,
    },
    {
      name: "a truncated PDF",
      input: async () => ({ bytes: truncated(await pdfFromText("Khojaly, 26 February 1992. ".repeat(200))), fileName: "cut.pdf" }),
      status: 422,
      message: /^This PDF is damaged/,
    },
    { name: "an encrypted PDF", input: async () => ({ bytes: await encryptedPdf() }), status: 422, message: "This PDF is encrypted; remove the password and upload it again" },
    {
      name: "a PDF with no text layer",
      input: async () => ({ bytes: await pdfWithoutText() }),
      status: 422,
      message: "This PDF has no text layer (it is a scan); OCR is not supported yet",
    },
    { name: "a corrupt ZIP named .docx", input: async () => ({ bytes: corruptZip(), fileName: "report.docx" }), status: 422, message: /^The Word file is damaged: \S/ },
    { name: "a ZIP without word/document.xml", input: async () => ({ bytes: await odtLikeZip(), fileName: "report.docx" }), status: 415, message: /OpenDocument.*Supported: PDF/ },
    { name: "an empty file", input: async () => ({ bytes: new Uint8Array(0), fileName: "empty.txt" }), status: 422, message: "The file is empty" },
    { name: "a text file of spaces", input: async () => ({ bytes: utf8("  \n\t \n"), fileName: "blank.txt" }), status: 422, message: "The file is empty" },
    {
      name: "invalid UTF-8",
      input: async () => ({ bytes: new Uint8Array([0x4b, 0x68, 0x6f, 0x6a, 0x61, 0x6c, 0x79, 0xe9, 0x20]), fileName: "notes.txt" }),
      status: 415,
      message: /^The file is not valid UTF-8 text/,
    },
    {
      name: "a web page with no text",
      input: async () => ({ bytes: utf8("<!doctype html><html><body><nav>Menu</nav><script>x()</script></body></html>"), fileName: "blank.html" }),
      status: 422,
      message: "No text could be extracted from “blank.html”",
    },
    { name: "a file over the size limit", input: async () => ({ bytes: utf8("x".repeat(2049)), fileName: "big.txt", maxBytes: 2048 }), status: 413, message: "The file is larger than the 2 KB limit" },
  ];

  for (const { name, input, status, message } of cases) {
    it(name, async () => {
      const error = await refusal(await input());
      expect(error.status).toBe(status);
      if (typeof message === "string") expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
    });
  }

  it("refuses more than 25 MB before reading anything", async () => {
    expect(MAX_IMPORT_BYTES).toBe(25 * 1024 * 1024);
    expect(MAX_PDF_PAGES).toBe(2000);
    const bytes = new Uint8Array(MAX_IMPORT_BYTES + 1);
    bytes.set(utf8("%PDF-1.7\n"));
    const error = await refusal({ bytes, fileName: "huge.pdf" });
    expect(error).toMatchObject({ status: 413, code: "too-large", message: "The file is larger than the 25 MB limit" });
  });
});

describe("extractDocument's result", () => {
  it("is canonical text: CRLF becomes LF and the text is composed to NFC", async () => {
    const result = await extractDocument({ bytes: utf8("Khojaly\r\nCafe\u0301 Xocal\u0131\r\n"), fileName: "notes_1992-02.txt" });
    expect(result.text).toBe("Khojaly\nCafé Xocalı\n");
    expect(result).toMatchObject({ format: "txt", mediaType: "text/plain", title: "notes 1992 02", pages: null, pageCount: null });
  });

  it("is canonical for HTML and Word files too", async () => {
    const html = await extractDocument({ bytes: utf8("<!doctype html><html><body><p>Cafe\u0301 in Xankəndi</p></body></html>") });
    expect(html.text).toBe("Café in Xankəndi");
    expect(html.title).toBe("Untitled document");
    const docx = await extractDocument({ bytes: await docxFromParagraphs(["Cafe\u0301 in Xankəndi"]) });
    expect(docx.text).toBe("Café in Xankəndi");
  });

  it("names a Markdown file by its first heading and keeps its source", async () => {
    const result = await extractDocument({ bytes: utf8("Intro line\n\n## Khojaly, 1992 ##\n\n*Text*"), fileName: "notes.md" });
    expect(result).toMatchObject({ format: "md", mediaType: "text/markdown", title: "Khojaly, 1992", text: "Intro line\n\n## Khojaly, 1992 ##\n\n*Text*" });
  });

  it("names a fetched page without a title by its address, and records the address", async () => {
    const result = await extractDocument({ bytes: utf8("<html><body><p>Short text.</p></body></html>"), sourceUrl: "https://example.org/news/khojaly-statement.html" });
    expect(result.title).toBe("khojaly statement");
    expect(result.metadata.url).toBe("https://example.org/news/khojaly-statement.html");
  });

  it("gives every stat and metadata field even when a format has none of them", async () => {
    const result = await extractDocument({ bytes: utf8("Plain."), fileName: "a.txt" });
    expect(result.metadata).toEqual({ authors: [], publisher: null, datePublished: null, url: null, language: null });
    expect(result.stats).toEqual({ ligatures: 0, hyphenationsJoined: 0, emptyPages: [], trackedInsertions: 0, trackedDeletions: 0, fallback: false });
    expect(result.warnings).toEqual([]);
  });

  it("shortens a title longer than a document title may be", async () => {
    const heading = `# ${"Khojaly ".repeat(60)}`;
    const { title } = await extractDocument({ bytes: utf8(`${heading}\n\ntext`), fileName: "a.md" });
    expect(Array.from(title).length).toBeLessThanOrEqual(300);
    expect(title.endsWith("Khojaly…")).toBe(true);
  });

  it("leaves the caller's bytes intact (pdf.js takes over the buffer it is given)", async () => {
    const pdf = await pdfFromText("Bytes stay.");
    const copy = Buffer.from(pdf);
    await extractDocument({ bytes: pdf });
    expect(pdf.byteLength).toBe(copy.byteLength);
    expect(Buffer.compare(pdf, copy)).toBe(0);
  });
});
