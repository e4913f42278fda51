import { describe, expect, it } from "vitest";
import { cpSlice } from "@/lib/anchoring/code-points";
import { diffTexts, mapSpan } from "./text-diff";

const span = (text: string, quote: string) => {
  const i = Array.from(text).join("").indexOf(quote);
  return { start: Array.from(text.slice(0, i)).length, end: Array.from(text.slice(0, i)).length + Array.from(quote).length };
};

describe("diffTexts", () => {
  it("finds the changed words, not whole lines, in code points", () => {
    const before = "The figure 613 was given.\nMemorial said 𝒜 саn bе.\nUnchanged line.\n";
    const after = "The figure 613 was given.\nMemorial said 𝒜 can be.\nUnchanged line.\nA new line.\n";
    const { hunks, parts } = diffTexts(before, after);
    expect(parts.filter((p) => p.kind !== "same").map((p) => `${p.kind}:${p.text}`)).toEqual(["removed:саn", "added:can", "removed:bе", "added:be", "added:A new line.\n"]);
    const fix = hunks[0];
    // The change itself is narrowed to the letters that differ: the "n" both words end with is kept.
    expect(cpSlice(before, fix.oldStart, fix.oldEnd)).toBe("са");
    expect(cpSlice(after, fix.newStart, fix.newEnd)).toBe("ca");
    // Putting the parts back together gives either text.
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(before);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
  });

  it("counts a text rewritten whole as one change", () => {
    const { hunks } = diffTexts("abc\n", "xyz\n");
    expect(hunks).toEqual([{ oldStart: 0, oldEnd: 3, newStart: 0, newEnd: 3 }]);
  });
});

describe("mapSpan", () => {
  const before = "one two three four five six";
  it("moves a span that no change touches, and an insertion at its edge leaves it untouched", () => {
    const after = "zero one two three four five six";
    const { hunks } = diffTexts(before, after);
    const mapped = mapSpan(hunks, span(before, "three four"));
    expect(mapped.touched).toBe(false);
    expect(cpSlice(after, mapped.start, mapped.end)).toBe("three four");
    const atEdge = diffTexts(before, "one two new three four five six");
    const edge = mapSpan(atEdge.hunks, span(before, "three four"));
    expect(edge.touched).toBe(false);
    expect(cpSlice("one two new three four five six", edge.start, edge.end)).toBe("three four");
  });

  it("marks a span touched by a replacement or an insertion inside it, and maps its ends around the change", () => {
    const after = "one two THREE four five six";
    const mapped = mapSpan(diffTexts(before, after).hunks, span(before, "two three four"));
    expect(mapped).toMatchObject({ touched: true });
    expect(cpSlice(after, mapped.start, mapped.end)).toBe("two THREE four");
    const inside = mapSpan(diffTexts(before, "one two three and a half four five six").hunks, span(before, "three four"));
    expect(inside.touched).toBe(true);
  });

  it("maps a span whose words were deleted to an empty place where they were", () => {
    const after = "one two five six";
    const mapped = mapSpan(diffTexts(before, after).hunks, span(before, "three four"));
    expect(mapped.touched).toBe(true);
    expect(mapped.end - mapped.start).toBe(0);
  });
});
