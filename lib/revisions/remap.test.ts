/**
 * Issue 15, "Must show": over the 195 KB compilation, 2,000 annotations and 50 scattered edits
 * (insertions, deletions, replacements, look-alike fixes), checked against the edits themselves.
 */
import { describe, expect, it } from "vitest";
import { cpLength, cpSlice } from "@/lib/anchoring/code-points";
import { CONTEXT_LENGTH } from "@/lib/anchoring/selectors";
import { CORPUS, readCorpusText } from "@/prisma/demo";
import { applyEdits, random, scatteredEdits, type TEdit } from "@/lib/testing/text-edits";
import { remapSpans, type TPlacedSpan } from "./remap";

const COMPILATION = readCorpusText(CORPUS[3].file);

/** Where an old offset lands after the edits, for a span none of them touches. */
function shifted(edits: readonly TEdit[], point: number): number {
  return edits.filter((e) => e.at + e.remove <= point).reduce((p, e) => p + cpLength(e.insert) - e.remove, point);
}

const touches = (e: TEdit, s: { start: number; end: number }) => (e.remove === 0 ? e.at > s.start && e.at < s.end : e.at < s.end && e.at + e.remove > s.start);

describe("remapSpans over the compilation (2,000 annotations, 50 scattered edits)", () => {
  const rand = random(15);
  const chars = Array.from(COMPILATION);
  const edits = scatteredEdits(chars, rand, 50);
  const after = applyEdits(chars, edits);
  const spans: TPlacedSpan[] = Array.from({ length: 2_000 }, (_, i) => {
    const start = Math.floor(rand() * (chars.length - 200));
    const end = start + 1 + Math.floor(rand() * 120);
    return {
      id: `a${i}`,
      start,
      end,
      exact: chars.slice(start, end).join(""),
      prefix: chars.slice(Math.max(0, start - CONTEXT_LENGTH), start).join(""),
      suffix: chars.slice(end, end + CONTEXT_LENGTH).join(""),
    };
  });
  const { outcomes, counts } = remapSpans(COMPILATION, after, spans);

  it("has edits of every kind, some annotations touched by them and most not", () => {
    expect(new Set(edits.map((e) => e.kind))).toEqual(new Set(["insert", "delete", "replace", "look-alike"]));
    expect(edits.filter((e) => e.kind === "look-alike").length).toBeGreaterThan(5);
    const touched = spans.filter((s) => edits.some((e) => touches(e, s))).length;
    expect(touched).toBeGreaterThan(20);
    expect(counts.kept + counts.shifted).toBeGreaterThan(1_500);
    expect(counts.kept + counts.shifted + counts.changed + counts.orphaned).toBe(2_000);
  });

  it("keeps the exact quote, at the offsets the edits move it to, of every annotation no edit touches", () => {
    spans.forEach((span, i) => {
      if (edits.some((e) => touches(e, span))) return;
      const outcome = outcomes[i];
      expect(outcome.kind === "kept" || outcome.kind === "shifted").toBe(true);
      const start = outcome.kind === "shifted" ? outcome.start : span.start;
      expect(start).toBe(shifted(edits, span.start));
      expect(cpSlice(after, start, start + cpLength(span.exact))).toBe(span.exact);
    });
  });

  it("flags every annotation whose quote changed: none is left unflagged with a quote different from before", () => {
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === "kept") expect(cpSlice(after, spans[i].start, spans[i].end)).toBe(spans[i].exact);
      if (outcome.kind === "shifted") expect(outcome.exact).toBe(spans[i].exact);
      if (outcome.kind === "changed") expect(cpSlice(after, outcome.start, outcome.end)).toBe(outcome.exact);
    });
    // An annotation over a look-alike fix now quotes the Latin letter, and was flagged.
    const fix = edits.find((e) => e.kind === "look-alike")!;
    const over = spans.findIndex((s) => s.start <= fix.at && s.end > fix.at);
    if (over >= 0) expect(outcomes[over]).toMatchObject({ kind: "changed" });
  });
});

describe("remapSpans on short quotes", () => {
  it("takes the words the diff says a short quote became, with a similarity, rather than losing it", () => {
    const before = "KHOJALY GENOCIDE AS АN INTERNATIONAL CRIME";
    const after = before.replace("АN", "AN");
    const start = before.indexOf("АN");
    const [outcome] = remapSpans(before, after, [{ id: "a", start, end: start + 2, exact: "АN", prefix: before.slice(0, start), suffix: before.slice(start + 2) }]).outcomes;
    expect(outcome).toMatchObject({ kind: "changed", exact: "AN", start, end: start + 2, similarity: 0.5 });
  });

  it("orphans a quote whose words were deleted", () => {
    const before = "one two three four";
    const [outcome] = remapSpans(before, "one four", [{ id: "a", start: 4, end: 13, exact: "two three", prefix: "one ", suffix: " four" }]).outcomes;
    expect(outcome).toMatchObject({ kind: "orphaned" });
  });
});
