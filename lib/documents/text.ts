/**
 * Canonical document text: what is stored is the input after CRLF -> LF and Unicode NFC, and
 * nothing else (no trimming, a byte-order mark is kept). Pure: no server imports.
 */
import { createHash } from "node:crypto";
import { MAX_DOCUMENT_BYTES } from "@/lib/documents/limits";

export { MAX_DOCUMENT_BYTES };

export function canonicalText(input: string): string {
  return input.replace(/\r\n/g, "\n").normalize("NFC");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Length in Unicode code points, the unit of every offset (W3C TextPositionSelector). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export type TTextProblem = { code: "PAYLOAD_TOO_LARGE" | "VALIDATION"; message: string };

// C0 controls other than tab, line feed, form feed and carriage return mark a binary file.
const BINARY = /[\u0000-\u0008\u000B\u000E-\u001F]/;

/** Checks text typed or pasted by a user; returns a problem or null. */
export function textProblem(text: string): TTextProblem | null {
  if (Buffer.byteLength(text, "utf8") > MAX_DOCUMENT_BYTES) {
    return { code: "PAYLOAD_TOO_LARGE", message: "The text is larger than 5 MB" };
  }
  if (text.trim().length === 0) return { code: "VALIDATION", message: "The text is empty" };
  if (BINARY.test(text)) return { code: "VALIDATION", message: "The text contains control characters; is it a binary file?" };
  return null;
}

/** Decodes an uploaded file: strict UTF-8, at most 5 MB, not empty, not binary. */
export function decodeUpload(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: TTextProblem } {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    return { ok: false, problem: { code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 5 MB" } };
  }
  if (bytes.byteLength === 0) return { ok: false, problem: { code: "VALIDATION", message: "The file is empty" } };
  if (bytes.includes(0)) {
    return { ok: false, problem: { code: "VALIDATION", message: "This looks like a binary file; upload plain text (.txt or .md)" } };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { code: "VALIDATION", message: "The file is not valid UTF-8 text; save it as UTF-8 and try again" } };
  }
  const problem = textProblem(text);
  return problem ? { ok: false, problem: { ...problem, message: problem.message.replace("The text", "The file") } } : { ok: true, text };
}

export const UPLOAD_EXTENSIONS = [".txt", ".md", ".markdown"] as const;

/** A title from a file name: without extension, underscores and dashes as spaces. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[^.]+$/, "").replace(/[_-]+/g, " ").trim();
  return base || "Untitled document";
}
