import { describe, expect, it } from "vitest";
import { LineIndex } from "./line-index";

const text = "First line\n\n😀 emoji line 𠀀 end\nlast";

describe("LineIndex", () => {
  const index = new LineIndex(text);

  it("knows the text's length in code points", () => {
    expect(index.length).toBe(Array.from(text).length);
  });

  it("maps code points to line and UTF-16 column and back", () => {
    const emojiLine = Array.from(text).indexOf("😀");
    expect(index.lineCol(emojiLine)).toEqual({ line: 2, col: 0 });
    const e = Array.from(text).indexOf("e", emojiLine);
    expect(index.lineCol(e)).toEqual({ line: 2, col: 3 });
    for (let cp = 0; cp <= index.length; cp++) expect(index.offset(index.lineCol(cp))).toBe(cp);
  });

  it("maps the blank line and the line ends", () => {
    expect(index.lineCol(11)).toEqual({ line: 1, col: 0 });
    expect(index.lineCol(10)).toEqual({ line: 0, col: 10 });
  });
});
