import { describe, expect, it } from "vitest";
import { cpLength, cpSlice, cpToUtf16, utf16ToCp } from "./code-points";
import { quoteSelector, shorten, spanProblem } from "./selectors";

const text = "😀 Memorial: 613 killed 𠀀 (Newsweek)";

describe("code points against UTF-16", () => {
  it("counts an emoji before the span as one", () => {
    expect("😀".length).toBe(2);
    expect(cpLength(text)).toBe(text.length - 2);
    const start = 2; // after "😀 "
    expect(cpToUtf16(text, start)).toBe(3);
    expect(cpSlice(text, start, start + 8)).toBe("Memorial");
    expect(utf16ToCp(text, 3)).toBe(2);
  });

  it("round-trips every offset", () => {
    for (let cp = 0; cp <= cpLength(text); cp++) expect(utf16ToCp(text, cpToUtf16(text, cp))).toBe(cp);
  });

  it("a UTF-16 index inside a pair maps to the pair's start", () => {
    expect(utf16ToCp(text, 1)).toBe(0);
  });

  it("fast path for BMP-only text", () => {
    expect(cpToUtf16("abc", 2)).toBe(2);
    expect(cpSlice("Khojaly", 0, 3)).toBe("Kho");
  });
});

describe("selectors", () => {
  it("builds exact, prefix and suffix in code points", () => {
    const start = Array.from(text).indexOf("6");
    const q = quoteSelector(text, { start, end: start + 3 });
    expect(q).toEqual({ exact: "613", prefix: "😀 Memorial: ", suffix: " killed 𠀀 (Newsweek)" });
  });

  it("limits context to 32 code points", () => {
    const long = "x".repeat(50) + "QUOTE" + "y".repeat(50);
    const q = quoteSelector(long, { start: 50, end: 55 });
    expect(q.prefix).toBe("x".repeat(32));
    expect(q.suffix).toBe("y".repeat(32));
  });

  it("explains a bad span", () => {
    expect(spanProblem(text, { start: 5, end: 5 })?.field).toBe("end");
    expect(spanProblem(text, { start: -1, end: 2 })?.field).toBe("start");
    expect(spanProblem(text, { start: 0, end: 999 })?.message).toContain(`at most ${cpLength(text)}`);
    expect(spanProblem(text, { start: 2, end: 10, exact: "Memorial" })).toBeNull();
    expect(spanProblem(text, { start: 2, end: 10, exact: "Memorial!" })?.field).toBe("exact");
  });

  it("shortens long quotes with an ellipsis", () => {
    expect(shorten("short", 10)).toBe("short");
    expect(Array.from(shorten("a".repeat(100), 20))).toHaveLength(20);
  });
});
