/**
 * Plain text and Markdown, read as uploads always were (lib/documents/text.ts): strict UTF-8,
 * kept as written, a byte-order mark included; Markdown is stored as its source, not rendered.
 * Not decodeUpload itself: its 5 MB cap is the pasted-text limit, and the size of an import's
 * text is the caller's to limit (as for a PDF's). Pure.
 */
import { IntakeError, type TFormatResult } from "@/lib/intake/types";

// C0 controls other than tab, line feed, form feed and carriage return mark a binary file (as in lib/documents/text.ts).
const BINARY = /[\u0000-\u0008\u000B\u000E-\u001F]/;

export function extractText({ bytes, markdown }: { bytes: Uint8Array; markdown: boolean }): TFormatResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new IntakeError(422, "invalid-text", "The file is not valid UTF-8 text; save it as UTF-8 and try again");
  }
  if (BINARY.test(text)) throw new IntakeError(422, "invalid-text", "This looks like a binary file; upload plain text (.txt or .md)");
  if (!text.trim()) throw new IntakeError(422, "empty-file", "The file is empty");
  return { text, title: null, firstHeading: markdown ? markdownHeading(text) : null };
}

/** The first ATX ("# Title") or setext ("Title" over "=====") heading of a Markdown text. */
export function markdownHeading(text: string): string | null {
  const lines = text.replace(/\r\n?/g, "\n").split("\n", 200);
  for (let i = 0; i < lines.length; i++) {
    const atx = /^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(lines[i]);
    if (atx) return atx[1].trim() || null;
    if (i + 1 < lines.length && lines[i].trim() && /^ {0,3}(=+|-+)[ \t]*$/.test(lines[i + 1])) return lines[i].trim();
  }
  return null;
}
