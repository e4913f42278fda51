import { describe, expect, it } from "vitest";
import { cpSlice } from "@/lib/anchoring/code-points";
import { quoteSelector } from "@/lib/anchoring/selectors";
import { AnchorText, reanchor, reanchorAll, type TAnchorTarget } from "./reanchor";

const TEXT = "Memorial reported 613 killed in Khojaly. Newsweek, 16 March 1992, quoted the same figure.";

/** The selectors an export of the span [start, end) of `text` would carry. */
function target(text: string, start: number, end: number): TAnchorTarget {
  return { ...quoteSelector(text, { start, end }), start, end };
}

/** Code-point offset of the nth occurrence of `needle`. */
function at(text: string, needle: string, nth = 0): number {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`"${needle}" not in the text`);
  return Array.from(text.slice(0, i)).length;
}

function spanOf(text: string, needle: string, nth = 0) {
  const start = at(text, needle, nth);
  return target(text, start, start + Array.from(needle).length);
}

describe("AnchorText", () => {
  it("maps code points and UTF-16 units both ways, astral characters counting once", () => {
    const t = new AnchorText("a😀b𠀀c");
    expect(t.length).toBe(5);
    expect([0, 1, 2, 3, 4, 5].map((cp) => t.toUnits(cp))).toEqual([0, 1, 3, 4, 6, 7]);
    expect([0, 1, 3, 4, 6, 7].map((u) => t.toCp(u))).toEqual([0, 1, 2, 3, 4, 5]);
    // Inside a surrogate pair: its own code point, or the next one when rounding up (a span's end).
    expect(t.toCp(2)).toBe(1);
    expect(t.toCp(2, true)).toBe(2);
  });
});

describe("reanchor", () => {
  it("anchors by position when the span still holds the quote", () => {
    const result = reanchorAll(TEXT, [spanOf(TEXT, "613 killed")])[0];
    expect(result).toMatchObject({ state: "anchored", start: 18, end: 28, exact: "613 killed", similarity: 1 });
  });

  it("counts code points: a quote after and containing astral characters anchors at code-point offsets", () => {
    const text = "😀 Memorial: 613 killed 𠀀 (Newsweek 😀, 16 March 1992)";
    const t = spanOf(text, "killed 𠀀 (Newsweek 😀");
    expect(t.start).toBe(16);
    const result = reanchorAll(text, [t])[0];
    expect(result).toMatchObject({ state: "anchored", start: 16, end: 36 });
    if (result.state !== "failed") expect(cpSlice(text, result.start, result.end)).toBe("killed 𠀀 (Newsweek 😀");
  });

  it("finds a quote that moved when text was inserted before it, astral characters included", () => {
    const t = spanOf(TEXT, "16 March 1992");
    const edited = `🇦🇿 Editor's note 𠀀: figures disputed.\n${TEXT}`;
    const result = reanchorAll(edited, [t])[0];
    const start = at(edited, "16 March 1992");
    expect(result).toMatchObject({ state: "moved", how: "quote", start, end: start + 13, similarity: 1 });
    if (result.state !== "failed") expect(cpSlice(edited, result.start, result.end)).toBe("16 March 1992");
  });

  it("chooses among repeated quotes the one whose context matches", () => {
    const text = "In 1992 Memorial counted the dead. Later, in 2002, Memorial counted the displaced. Memorial counted again.";
    const second = spanOf(text, "Memorial counted", 1);
    // A line added at the top: every occurrence moves by the same amount; only context tells them apart.
    const edited = `Preface.\n${text}`;
    const result = reanchorAll(edited, [second])[0];
    expect(result).toMatchObject({ state: "moved", start: at(edited, "Memorial counted", 1) });
  });

  it("chooses among repeated quotes with the same context the one nearest the old position", () => {
    const para = "The figure of 613 is disputed. ";
    const text = para.repeat(5);
    const third = spanOf(text, "613", 2);
    // Shift by a few characters: the third occurrence is still the nearest one.
    const edited = `Note: ${text}`;
    const result = reanchorAll(edited, [third])[0];
    expect(result).toMatchObject({ state: "moved", start: at(edited, "613", 2) });
  });

  it("prefers a matching context over a nearer occurrence", () => {
    const text = "Newsweek reported the siege. Later Le Monde reported the massacre in detail.";
    const t = spanOf(text, "reported", 1);
    // The quote is looked for near position 0, but only the second occurrence has the old context.
    const result = reanchorAll(text, [{ ...t, start: 0, end: 8 }])[0];
    expect(result).toMatchObject({ state: "moved", start: at(text, "reported", 1) });
  });

  it("finds a slightly edited quote approximately near its old position, with its similarity", () => {
    const t = spanOf(TEXT, "Newsweek, 16 March 1992, quoted the same figure");
    const edited = TEXT.replace("16 March 1992", "15 March 1992").replace("same figure", "same figures");
    const result = reanchorAll(edited, [t])[0];
    expect(result.state).toBe("moved");
    if (result.state !== "moved") return;
    expect(result.how).toBe("fuzzy");
    expect(result.exact).toMatch(/^Newsweek, 15 March 1992, quoted the same figures?$/);
    expect(result.similarity).toBeGreaterThanOrEqual(0.95);
    expect(result.similarity).toBeLessThan(1);
  });

  it("finds an approximate match after astral characters at code-point offsets", () => {
    const text = "😀😀😀 The Memorial Human Rights Centre documented the events of February 1992.";
    const t = spanOf(text, "Memorial Human Rights Centre documented");
    const edited = `😀${text.replace("Centre", "Center")}`;
    const result = reanchorAll(edited, [t])[0];
    expect(result).toMatchObject({ state: "moved", how: "fuzzy", start: at(edited, "Memorial Human Rights Center documented") });
    if (result.state === "moved") expect(result.exact).toBe("Memorial Human Rights Center documented");
  });

  it("fails, with the reason, when the quote was edited away", () => {
    const t = spanOf(TEXT, "613 killed in Khojaly");
    const edited = TEXT.replace("613 killed in Khojaly", "many casualties among civilians");
    const result = reanchorAll(edited, [t])[0];
    expect(result).toEqual({ state: "failed", reason: "The quote is not in the text, and nothing with at most 4 differences was found near its old position" });
  });

  it("does not take a short quote's approximate match when none of its context agrees", () => {
    const text = "Figures: 613 killed, 487 wounded, 1275 taken hostage, 150 missing.";
    const t = spanOf(text, "487 wounded");
    const edited = "Completely different wording here: 480 wounded soldiers elsewhere.";
    expect(reanchorAll(edited, [t])[0].state).toBe("failed");
  });

  it("says when a quote is too short for an approximate search", () => {
    const t = spanOf(TEXT, "613");
    expect(reanchorAll(TEXT.replace("613", "614"), [t])[0]).toEqual({
      state: "failed",
      reason: "The quote is not in the text, and it is too short to look for an approximate match",
    });
  });

  it("fails an empty quote", () => {
    expect(reanchorAll(TEXT, [{ exact: "", prefix: "", suffix: "", start: 0, end: 3 }])[0]).toEqual({ state: "failed", reason: "It has no quote to look for" });
  });

  it("finds a quote without any position, and ignores a position outside the text", () => {
    const t = spanOf(TEXT, "Newsweek");
    expect(reanchorAll(TEXT, [{ ...t, start: null, end: null }])[0]).toMatchObject({ state: "moved", how: "quote", start: t.start });
    expect(reanchorAll(TEXT, [{ ...t, start: 5000, end: 5008 }])[0]).toMatchObject({ state: "moved", start: t.start });
    // Without a position, an approximate match is looked for anywhere.
    const edited = TEXT.replace("quoted the same figure", "quoted the same figyre");
    const far = spanOf(TEXT, "quoted the same figure");
    expect(reanchorAll(edited, [{ ...far, start: null, end: null }])[0]).toMatchObject({ state: "moved", how: "fuzzy", start: far.start });
  });

  it("reads Hypothesis positions as UTF-16 units and answers in code points", () => {
    const text = "😀😀 Memorial reported 613 killed.";
    const units = text.indexOf("613 killed");
    const result = reanchorAll(text, [{ exact: "613 killed", prefix: "reported ", suffix: ".", start: units, end: units + 10, positionUnit: "utf-16" }])[0];
    expect(result).toMatchObject({ state: "anchored", start: units - 2, end: units - 2 + 10 });
  });

  it("re-anchors a thousand quotes in a long edited text, each to the right place", () => {
    const words = ["Khojaly", "Memorial", "Newsweek", "1992", "613", "civilians", "report", "town", "😀", "airport", "siege", "𠀀"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 200_000; i++) {
      parts.push(`${words[next() % words.length]}${i % 17 === 0 ? "." : ""}`);
      size += parts[i].length + 1;
    }
    const text = parts.join(" ");
    const chars = Array.from(text);
    const length = chars.length;
    const targets: TAnchorTarget[] = [];
    for (let i = 0; i < 1000; i++) {
      const start = Math.floor((i * (length - 60)) / 1000);
      const end = start + 20 + (i % 30);
      const slice = (from: number, to: number) => chars.slice(Math.max(0, from), to).join("");
      targets.push({ exact: slice(start, end), prefix: slice(start - 32, start), suffix: slice(end, end + 32), start, end });
    }
    // An insertion in the middle moves the second half.
    const cut = Math.floor(length / 2);
    const edited = [...chars.slice(0, cut), ..."INSERTED 😀 ", ...chars.slice(cut)].join("");
    const results = reanchorAll(edited, targets);
    results.forEach((r, i) => {
      const t = targets[i];
      const shift = t.start! >= cut ? Array.from("INSERTED 😀 ").length : 0;
      if (t.end! <= cut) expect(r).toMatchObject({ state: "anchored", start: t.start });
      else if (t.start! >= cut) expect(r).toMatchObject({ state: "moved", start: t.start! + shift, similarity: 1 });
      else expect(r.state).toBe("moved");
    });
  });
});

describe("reanchor on a prepared text", () => {
  it("answers the same as reanchorAll", () => {
    const t = spanOf(TEXT, "Khojaly");
    expect(reanchor(new AnchorText(TEXT), t)).toEqual(reanchorAll(TEXT, [t])[0]);
  });
});
