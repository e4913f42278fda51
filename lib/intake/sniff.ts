/**
 * Which extractor a file needs, decided by its bytes: the file name and the Content-Type are
 * only hints (a PDF saved as .txt is still a PDF), used where the bytes alone cannot tell, such
 * as Markdown against plain text. Pure.
 */
import { IntakeError, SUPPORTED_TYPES_MESSAGE, type TFormat } from "@/lib/intake/types";
import { zipEntryNames } from "@/lib/intake/zip-entries";

export type TSniffInput = { bytes: Uint8Array; fileName?: string; contentType?: string };

const DOCX_ENTRY = "word/document.xml";
// C0 controls other than tab, line feed, form feed and carriage return mark a binary file (as in lib/documents/text.ts).
const BINARY = /[\u0000-\u0008\u000B\u000E-\u001F]/;
/** Tags that make a file starting with "<" a page, when no <html>, <head> or <body> says so. */
const HTML_TAGS = /<(p|div|span|a|br|table|tr|td|ul|ol|li|h[1-6]|meta|title|link|script|style|article|section|nav|header|footer|main|img|em|strong|form)[\s>/]/g;

export function sniffFormat({ bytes, fileName, contentType }: TSniffInput): TFormat {
  if (bytes.byteLength === 0) throw new IntakeError(422, "empty-file", "The file is empty");
  const hint = hintOf(fileName, contentType);
  if (isPdf(bytes)) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes, hint, fileName);
  const binary = binaryKind(bytes);
  if (binary) throw unsupported(`${named(fileName, hint)}${binary}`);
  if (isHtml(bytes, hint)) return "html";
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) throw unsupported("The file is UTF-16 text; save it as UTF-8 and try again.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw unsupported("The file is not valid UTF-8 text (save it as UTF-8 and try again).");
  }
  if (BINARY.test(text)) throw unsupported("This looks like a binary file, not a document.");
  return hint === "md" ? "md" : "txt";
}

type THint = TFormat | "zip" | "other" | null;

/** What the name's extension or the Content-Type claims; the extension wins when both are given. */
function hintOf(fileName: string | undefined, contentType: string | undefined): THint {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase();
  if (extension) {
    if (extension === "pdf") return "pdf";
    if (extension === "docx") return "docx";
    if (["html", "htm", "xhtml"].includes(extension)) return "html";
    if (["md", "markdown", "mdown", "mkd"].includes(extension)) return "md";
    if (extension === "txt" || extension === "text") return "txt";
    if (extension === "zip") return "zip";
    return "other";
  }
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (!type) return null;
  if (type === "application/pdf") return "pdf";
  if (type.includes("wordprocessingml")) return "docx";
  if (type === "text/html" || type === "application/xhtml+xml") return "html";
  if (type.includes("markdown")) return "md";
  if (type === "text/plain") return "txt";
  if (type === "application/octet-stream") return null;
  return "other";
}

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((byte, i) => bytes[at + i] === byte);
}

/** "%PDF-" after at most a byte-order mark and whitespace, within the first 1,024 bytes. */
function isPdf(bytes: Uint8Array): boolean {
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < 1024 && at < bytes.byteLength && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[at])) at++;
  return at < 1024 && startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d], at);
}

function sniffZip(bytes: Uint8Array, hint: THint, fileName: string | undefined): TFormat {
  const names = zipEntryNames(bytes);
  if (names?.includes(DOCX_ENTRY)) return "docx";
  // A damaged archive that claims to be (or may be) a Word file goes to the Word reader, whose
  // message ("The Word file is damaged: …") says more than "unsupported".
  if (names === null && (hint === "docx" || hint === null)) return "docx";
  const kind = names?.some((n) => n.startsWith("xl/"))
    ? "a spreadsheet (.xlsx)"
    : names?.some((n) => n.startsWith("ppt/"))
      ? "a presentation (.pptx)"
      : names?.includes("mimetype") || names?.includes("content.xml")
        ? "an OpenDocument file (.odt, .ods); save it as .docx to import it"
        : "a ZIP archive, not a Word document (.docx)";
  throw unsupported(`${named(fileName, hint)}This is ${kind}.`);
}

/** Names a binary format that is not a document, or null for bytes that might be text. */
function binaryKind(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return "This is a PNG image, not a document; OCR is not supported yet.";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "This is a JPEG image, not a document; OCR is not supported yet.";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return "This is a GIF image, not a document.";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "This is a WebP image, not a document.";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "This is a TIFF image, not a document; OCR is not supported yet.";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "This is an older Office file (.doc); save it as .docx to import it.";
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return "This is an RTF file; save it as .docx to import it.";
  return null;
}

/** "“scan.pdf” is not what its name says. " when the name claims a supported format, else "". */
function named(fileName: string | undefined, hint: THint): string {
  return fileName && hint && hint !== "other" && hint !== "zip" ? `“${fileName}” is not what its name says. ` : "";
}

function unsupported(reason: string): IntakeError {
  return new IntakeError(415, "unsupported-type", `${reason} ${SUPPORTED_TYPES_MESSAGE}`);
}

/**
 * A full page (doctype, <html>, <head> or <body> first) is HTML whatever its name; a fragment
 * that starts with a tag and holds several kinds of tags is HTML unless the name says Markdown
 * or text (Markdown may open with raw HTML, as many READMEs do).
 */
function isHtml(bytes: Uint8Array, hint: THint): boolean {
  const head = headText(bytes)
    .replace(/^\s+/, "")
    .replace(/^(<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)+/, "")
    .toLowerCase();
  if (/^(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/.test(head)) return true;
  if (!head.startsWith("<") || hint === "md" || hint === "txt") return false;
  const tags = new Set(Array.from(head.matchAll(HTML_TAGS), (m) => m[1]));
  return tags.size >= (hint === "html" ? 1 : 3);
}

/** The first 4 KB as text: UTF-16 when a byte-order mark says so, else Latin-1 (ASCII-safe for any ASCII-compatible charset). */
function headText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 4096);
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(head);
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(head);
  return new TextDecoder("latin1").decode(startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head);
}
