/**
 * A Word (.docx) file as lines of text: mammoth turns the body into HTML (headings, paragraphs,
 * list items, tables), which the same converter as web pages turns into lines. Metadata comes
 * from docProps/core.xml. Pure: no network, no database.
 */
import JSZip from "jszip";
import mammoth from "mammoth";
import { parseHTML } from "linkedom";
import { blockLines } from "@/lib/intake/html-lines";
import { cleanValue, decodeXmlText, isoDate, splitAuthors } from "@/lib/intake/metadata";
import { IntakeError, reasonOf, type TFormatResult, type TIntakeWarning } from "@/lib/intake/types";

function damaged(reason: string, cause?: unknown): IntakeError {
  return new IntakeError(422, "damaged", `The Word file is damaged: ${reason}`, { cause });
}

export async function extractDocx({ bytes }: { bytes: Uint8Array }): Promise<TFormatResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw damaged(reasonOf(error), error);
  }
  const body = zip.file("word/document.xml");
  if (!body) throw damaged("it has no word/document.xml");
  let documentXml: string;
  let coreXml: string | null;
  try {
    documentXml = await body.async("string");
    coreXml = (await zip.file("docProps/core.xml")?.async("string")) ?? null;
  } catch (error) {
    throw damaged(reasonOf(error), error);
  }

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images are not text; an empty src spares mammoth base64-encoding each of them.
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), externalFileAccess: false, ignoreEmptyParagraphs: true },
    );
    html = result.value;
  } catch (error) {
    throw damaged(reasonOf(error), error);
  }

  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const { lines, firstHeading } = blockLines(document.body as unknown as Node, { skip: isNoteBackLink });
  const changes = trackedChanges(documentXml);
  const core = coreProperties(coreXml);
  const warnings: TIntakeWarning[] = [];
  if (changes.insertions + changes.deletions > 0) {
    warnings.push({ code: "tracked-changes", message: trackedChangesMessage(changes), count: changes.insertions + changes.deletions });
  }
  return {
    text: lines.join("\n"),
    title: core.title,
    firstHeading,
    metadata: { authors: core.authors, datePublished: core.datePublished, language: core.language },
    warnings,
    stats: { trackedInsertions: changes.insertions, trackedDeletions: changes.deletions },
  };
}

/** mammoth ends each footnote and endnote with a "↑" link back to its reference; not text of the document. */
function isNoteBackLink(element: Element): boolean {
  return element.tagName.toUpperCase() === "A" && /^#(footnote|endnote)-ref-/.test(element.getAttribute("href") ?? "");
}

export type TTrackedChanges = { insertions: number; deletions: number };

/**
 * Counts the tracked changes that carry text, as mammoth applies them (node_modules/mammoth/lib/docx/
 * body-reader.js): a <w:ins> or <w:moveTo> run is read as ordinary text (kept), a <w:del> or
 * <w:moveFrom> is in its list of ignored elements (dropped). Self-closing marks (a changed
 * paragraph mark, table row or formatting) carry no text and are not counted.
 */
export function trackedChanges(documentXml: string): TTrackedChanges {
  const carriesText = /<w:(t|delText)[\s>]/;
  const count = (tag: string) => {
    const pattern = new RegExp(`<w:${tag}(?:\\s[^>]*)?(?<!/)>([\\s\\S]*?)</w:${tag}>`, "g");
    let n = 0;
    for (const match of documentXml.matchAll(pattern)) if (carriesText.test(match[1])) n++;
    return n;
  };
  return { insertions: count("ins") + count("moveTo"), deletions: count("del") + count("moveFrom") };
}

export function trackedChangesMessage({ insertions, deletions }: TTrackedChanges): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(insertions, "tracked insertion")} kept, ${plural(deletions, "deletion")} dropped`;
}

type TCore = { title: string | null; authors: string[]; datePublished: string | null; language: string | null };

/** dc:title, dc:creator, dcterms:created (else modified) and dc:language of docProps/core.xml. */
export function coreProperties(xml: string | null): TCore {
  const value = (name: string) => {
    const match = xml ? new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml) : null;
    return match ? cleanValue(decodeXmlText(match[1])) : null;
  };
  return {
    title: value("title"),
    authors: splitAuthors(value("creator")),
    datePublished: isoDate(value("created")) ?? isoDate(value("modified")),
    language: value("language"),
  };
}
