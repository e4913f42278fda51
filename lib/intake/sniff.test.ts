import { beforeAll, describe, expect, it } from "vitest";
import { corruptZip, docxFromParagraphs, htmlPageWithChrome, odtLikeZip, pdfFromText, pngImage } from "@/e2e/fixtures/intake-fixtures";
import { sniffFormat } from "./sniff";
import { IntakeError, SUPPORTED_TYPES_MESSAGE } from "./types";

const utf8 = (text: string) => new TextEncoder().encode(text);

function refusal(run: () => unknown): IntakeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IntakeError);
    return error as IntakeError;
  }
  throw new Error("expected a refusal");
}

describe("sniffFormat", () => {
  let pdf: Buffer;
  let docx: Buffer;
  beforeAll(async () => {
    pdf = await pdfFromText("A short statement.");
    docx = await docxFromParagraphs(["A short statement."]);
  });

  it("goes by the bytes, not the name or the Content-Type", () => {
    expect(sniffFormat({ bytes: pdf, fileName: "statement.txt", contentType: "text/plain" })).toBe("pdf");
    expect(sniffFormat({ bytes: utf8(htmlPageWithChrome("Text.", { title: "T" })), fileName: "page.docx" })).toBe("html");
    expect(sniffFormat({ bytes: docx, fileName: "report.pdf", contentType: "application/pdf" })).toBe("docx");
    expect(sniffFormat({ bytes: docx })).toBe("docx");
  });

  it("finds a PDF header after a byte-order mark or whitespace", () => {
    expect(sniffFormat({ bytes: new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x20, ...pdf]) })).toBe("pdf");
    expect(sniffFormat({ bytes: utf8(`notes about %PDF-1.7 headers`) })).toBe("txt");
  });

  it("tells Markdown from text by the name or the Content-Type only", () => {
    expect(sniffFormat({ bytes: utf8("# Khojaly\n\nText."), fileName: "notes.md" })).toBe("md");
    expect(sniffFormat({ bytes: utf8("# Khojaly\n\nText."), contentType: "text/markdown; charset=utf-8" })).toBe("md");
    expect(sniffFormat({ bytes: utf8("# Khojaly\n\nText."), fileName: "notes.txt" })).toBe("txt");
    expect(sniffFormat({ bytes: utf8("Plain text.") })).toBe("txt");
  });

  it("takes HTML fragments as HTML, but not a Markdown file that opens with HTML", () => {
    const fragment = `<div class="story"><h2>Title</h2><p>Text with <a href="/x">a link</a>.</p></div>`;
    expect(sniffFormat({ bytes: utf8(fragment) })).toBe("html");
    expect(sniffFormat({ bytes: utf8(`<div align="center"><img src="logo.png"></div>\n\n# Read me\n\n<p>hi</p>`), fileName: "README.md" })).toBe("md");
    expect(sniffFormat({ bytes: utf8(`<!-- saved page -->\n<html><body>x</body></html>`), fileName: "page.md" })).toBe("html");
  });

  it("refuses an image renamed .pdf, saying what it is and what is supported", () => {
    const error = refusal(() => sniffFormat({ bytes: pngImage(), fileName: "scan.pdf" }));
    expect(error).toMatchObject({ status: 415, code: "unsupported-type" });
    expect(error.message).toBe(`“scan.pdf” is not what its name says. This is a PNG image, not a document; OCR is not supported yet. ${SUPPORTED_TYPES_MESSAGE}`);
    expect(refusal(() => sniffFormat({ bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) })).message).toMatch(/^This is a JPEG image/);
  });

  it("refuses an empty file", () => {
    expect(refusal(() => sniffFormat({ bytes: new Uint8Array(0), fileName: "notes.txt" }))).toMatchObject({ status: 422, message: "The file is empty" });
  });

  it("refuses ZIP archives that are not Word files", async () => {
    const zip = await odtLikeZip();
    const notWord = refusal(() => sniffFormat({ bytes: zip, fileName: "minutes.odt" }));
    expect(notWord).toMatchObject({ status: 415 });
    expect(notWord.message).toContain("OpenDocument");
    expect(notWord.message).toContain(SUPPORTED_TYPES_MESSAGE);
  });

  it("sends a damaged ZIP named .docx to the Word reader, and refuses one named otherwise", () => {
    expect(sniffFormat({ bytes: corruptZip(), fileName: "report.docx" })).toBe("docx");
    expect(refusal(() => sniffFormat({ bytes: corruptZip(), fileName: "archive.zip" })).status).toBe(415);
  });

  it("refuses invalid UTF-8, binary control characters and UTF-16", () => {
    expect(refusal(() => sniffFormat({ bytes: new Uint8Array([0x41, 0xc3, 0x28, 0x42]), fileName: "notes.txt" })).message).toBe(
      `The file is not valid UTF-8 text (save it as UTF-8 and try again). ${SUPPORTED_TYPES_MESSAGE}`,
    );
    expect(refusal(() => sniffFormat({ bytes: utf8("text\u0000with NUL") })).status).toBe(415);
    expect(refusal(() => sniffFormat({ bytes: new Uint8Array([0xff, 0xfe, 0x41, 0x00]) })).message).toMatch(/UTF-16/);
  });
});
