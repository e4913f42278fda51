import { describe, expect, it } from "vitest";
import { cpSlice } from "@/lib/anchoring/code-points";
import { nudgeSpan, type TSpan } from "@/lib/anchoring/word-span";

const TEXT = "On 26 February 1992, Nagorno-Karabakh's forces took the town. 😀 Khojaly fell.";
const spanOf = (needle: string): TSpan => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length };
};
const quote = (s: TSpan) => cpSlice(TEXT, s.start, s.end);

describe("nudgeSpan", () => {
  it("moves the start a word earlier, past punctuation, to the word's beginning", () => {
    expect(quote(nudgeSpan(TEXT, spanOf("forces"), "start", -1))).toBe("Nagorno-Karabakh's forces");
    expect(quote(nudgeSpan(TEXT, spanOf("Nagorno"), "start", -1))).toBe("1992, Nagorno");
  });

  it("moves the start a word later, never past the end", () => {
    expect(quote(nudgeSpan(TEXT, spanOf("February 1992, Nagorno"), "start", 1))).toBe("1992, Nagorno");
    expect(nudgeSpan(TEXT, spanOf("town"), "start", 1)).toEqual(spanOf("town"));
  });

  it("moves the end a word later, leaving trailing punctuation out", () => {
    expect(quote(nudgeSpan(TEXT, spanOf("the"), "end", 1))).toBe("the town");
    expect(quote(nudgeSpan(TEXT, spanOf("26 February"), "end", 1))).toBe("26 February 1992");
  });

  it("moves the end a word earlier, never before the start", () => {
    expect(quote(nudgeSpan(TEXT, spanOf("took the town"), "end", -1))).toBe("took the");
    expect(quote(nudgeSpan(TEXT, spanOf("1992, Nagorno"), "end", -1))).toBe("1992");
    expect(nudgeSpan(TEXT, spanOf("town"), "end", -1)).toEqual(spanOf("town"));
  });

  it("counts code points across an astral character (an emoji before the word)", () => {
    const moved = nudgeSpan(TEXT, spanOf("fell"), "start", -1);
    expect(quote(moved)).toBe("Khojaly fell");
    expect(moved.start).toBe(Array.from(TEXT.slice(0, TEXT.indexOf("Khojaly"))).length);
    // The emoji is not a word: from "Khojaly" the start skips it to "town".
    expect(quote(nudgeSpan(TEXT, spanOf("Khojaly"), "start", -1))).toBe("town. 😀 Khojaly");
  });

  it("stays at the text's ends when there is no word beyond", () => {
    expect(nudgeSpan(TEXT, spanOf("On"), "start", -1)).toEqual(spanOf("On"));
    expect(nudgeSpan(TEXT, spanOf("fell"), "end", 1)).toEqual(spanOf("fell"));
  });
});
