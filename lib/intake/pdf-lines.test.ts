import { describe, expect, it } from "vitest";
import { decomposeLigatures, joinHyphenated, pageLines, wordCounts, type TPdfTextItem } from "./pdf-lines";

/** A text item at (x, y), 10 units high, 5 units wide per character. */
const item = (str: string, x: number, y: number, hasEOL = false): TPdfTextItem => ({ str, hasEOL, transform: [10, 0, 0, 10, x, y], width: str.length * 5, height: 10 });

describe("pageLines", () => {
  it("breaks lines at hasEOL and where the baseline moves, and drops empty lines", () => {
    const items = [item("First line", 0, 700, true), item("", 0, 690, true), item("Second", 0, 680), item("line", 0, 660)];
    expect(pageLines(items)).toEqual(["First line", "Second", "line"]);
  });

  it("puts a space where items on one line are apart but not where they touch or carry one", () => {
    expect(pageLines([item("Khojaly", 0, 700), item("town", 40, 700)])).toEqual(["Khojaly town"]);
    expect(pageLines([item("Khoj", 0, 700), item("aly", 20, 700)])).toEqual(["Khojaly"]);
    expect(pageLines([item("Khojaly ", 0, 700), item("town", 45, 700)])).toEqual(["Khojaly town"]);
  });

  it("keeps a superscript on its line and turns control characters into spaces", () => {
    expect(pageLines([item("note", 0, 700), item("1", 20, 703), item("\rend", 30, 700)])).toEqual(["note1 end"]);
  });
});

describe("decomposeLigatures", () => {
  it("replaces each of U+FB00–U+FB06 by its letters and counts them", () => {
    expect(decomposeLigatures("\ufb00 \ufb01 \ufb02 \ufb03 \ufb04 \ufb05 \ufb06")).toEqual({ text: "ff fi fl ffi ffl st st", count: 7 });
    expect(decomposeLigatures("no ligatures").count).toBe(0);
  });
});

describe("joinHyphenated", () => {
  it("joins a word broken by the layout and counts it", () => {
    expect(joinHyphenated(["the inter-", "national community"])).toEqual({ lines: ["the international community"], joined: 1 });
  });

  it("keeps the hyphen of a compound that continues with a capital or a digit", () => {
    expect(joinHyphenated(["the Nagorno-", "Karabakh conflict", "in 1991-", "1992 it"])).toEqual({ lines: ["the Nagorno-Karabakh conflict", "in 1991-1992 it"], joined: 0 });
  });

  it("keeps the hyphen of a compound whose halves the document uses elsewhere", () => {
    const lines = ["appraisal of Khojaly genocide-", "military crime", "the genocide and the military"];
    expect(joinHyphenated(lines, wordCounts(lines))).toEqual({ lines: ["appraisal of Khojaly genocide-military crime", "the genocide and the military"], joined: 0 });
    // "inter" stands nowhere on its own ("inter-ethnic" does not count): a word the layout broke.
    const broken = ["the inter-", "national community", "a national day", "inter-ethnic"];
    expect(joinHyphenated(broken, wordCounts(broken))).toEqual({ lines: ["the international community", "a national day", "inter-ethnic"], joined: 1 });
  });

  it("always removes a soft hyphen, and leaves dashes and hyphens after a space alone", () => {
    expect(joinHyphenated(["Khoja\u00ad", "Lee"]).lines).toEqual(["KhojaLee"]);
    expect(joinHyphenated(["a list -", "next", "end -", "“quote”"])).toEqual({ lines: ["a list -", "next", "end -", "“quote”"], joined: 0 });
  });
});
