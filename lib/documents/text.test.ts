import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalText, codePointLength, decodeUpload, MAX_DOCUMENT_BYTES, sha256Hex, textProblem, titleFromFileName } from "./text";

const corpus = path.join(__dirname, "..", "..", "prisma", "corpus");

describe("canonicalText", () => {
  it("turns CRLF into LF and composes to NFC, leaving everything else", () => {
    expect(canonicalText("a\r\nb\rc\n")).toBe("a\nb\rc\n");
    expect(canonicalText("Cafe\u0301")).toBe("Caf\u00e9");
    expect(canonicalText("\ufeff  lead and trail  ")).toBe("\ufeff  lead and trail  ");
  });

  it("keeps the compilation's Cyrillic look-alikes and box-drawing lines", () => {
    const raw = fs.readFileSync(path.join(corpus, "003_e2a3549d0748271b.txt"), "utf8");
    const text = canonicalText(raw);
    expect(text).toBe(raw.normalize("NFC"));
    expect(text).toMatch(/[\u0400-\u04FF]/);
    expect(text).toMatch(/[\u2500-\u257F]/);
  });
});

describe("codePointLength", () => {
  it("counts astral characters once", () => {
    expect(codePointLength("abc")).toBe(3);
    expect(codePointLength("😀x𠀀")).toBe(3);
    expect(codePointLength("\ud800")).toBe(1); // a lone surrogate is still one unit of text
  });
});

describe("sha256Hex", () => {
  it("hashes the UTF-8 bytes", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("é")).toBe(sha256Hex("\u00e9"));
  });
});

describe("decodeUpload", () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it("accepts UTF-8 text", () => {
    expect(decodeUpload(enc("Khojaly, 26 February 1992"))).toEqual({ ok: true, text: "Khojaly, 26 February 1992" });
  });

  it("refuses empty, binary, non-UTF-8 and oversize input with a message", () => {
    expect(decodeUpload(new Uint8Array())).toMatchObject({ ok: false, problem: { message: "The file is empty" } });
    expect(decodeUpload(enc("   \n "))).toMatchObject({ ok: false, problem: { message: "The file is empty" } });
    expect(decodeUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toMatchObject({ ok: false, problem: { code: "VALIDATION" } });
    expect(decodeUpload(new Uint8Array([0x41, 0xe9, 0x42]))).toMatchObject({ ok: false, problem: { message: expect.stringContaining("UTF-8") } });
    expect(decodeUpload(new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61))).toMatchObject({ ok: false, problem: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("keeps a byte-order mark", () => {
    const result = decodeUpload(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]));
    expect(result).toEqual({ ok: true, text: "\ufeffhi" });
  });
});

describe("textProblem and titleFromFileName", () => {
  it("flags control characters", () => {
    expect(textProblem("a\u0001b")?.code).toBe("VALIDATION");
    expect(textProblem("tab\tand\nnewline")).toBeNull();
  });
  it("derives a readable title", () => {
    expect(titleFromFileName("black_garden-notes.md")).toBe("black garden notes");
    expect(titleFromFileName(".txt")).toBe("Untitled document");
  });
});
