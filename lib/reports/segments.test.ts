import { describe, expect, it } from "vitest";
import { segmentText, sharedDepth, type TPiece, type TSpan } from "./segments";

/** The pieces as a compact string: text in brackets with the numbers covering it, refs as ^n. */
function show(pieces: TPiece<TSpan>[]): string {
  return pieces.map((p) => (p.kind === "text" ? `[${p.text}|${p.stack.map((s) => s.n).join("")}]` : `^${p.span.n}`)).join("");
}

describe("segmentText", () => {
  it("nests a span inside another and splits spans that cross", () => {
    const text = "abcdefghij";
    const outer = { n: 1, start: 0, end: 6 };
    const inner = { n: 2, start: 2, end: 4 };
    const crossing = { n: 3, start: 5, end: 8 };
    expect(show(segmentText(text, [outer, inner, crossing], 10))).toBe("[ab|1][cd|12]^2[e|1][f|13]^1[gh|3]^3[ij|]");
  });

  it("keeps the outer span outermost when two start together, and puts refs of spans ending together in number order", () => {
    const text = "abcdef";
    const short = { n: 2, start: 0, end: 3 };
    const long = { n: 1, start: 0, end: 6 };
    const same = { n: 3, start: 3, end: 6 };
    const pieces = segmentText(text, [short, long, same], 6);
    expect(show(pieces)).toBe("[abc|12]^2[def|13]^1^3");
    // The long span stays open across the boundary: only the inner one closes.
    expect(sharedDepth(pieces[0].stack, pieces[2].stack)).toBe(1);
  });

  it("counts code points, so spans after astral characters cut in the right place", () => {
    const text = "😀 ab 𝒳 cd";
    // Code points: 😀=0, space=1, a=2, b=3, space=4, 𝒳=5, space=6, c=7, d=8
    const pieces = segmentText(text, [{ n: 1, start: 2, end: 4 }, { n: 2, start: 5, end: 6 }, { n: 3, start: 7, end: 9 }], 9);
    expect(show(pieces)).toBe("[😀 |][ab|1]^1[ |][𝒳|2]^2[ |][cd|3]^3");
  });

  it("leaves out empty spans and spans beyond the text", () => {
    expect(show(segmentText("abc", [{ n: 1, start: 1, end: 1 }, { n: 2, start: 2, end: 9 }], 3))).toBe("[abc|]");
  });
});
