import { describe, expect, it } from "vitest";
import { pageAt, pageList, pageLocator, spanPages } from "./pages";

// Three pages starting at 0, 100 and 250.
const starts = [0, 100, 250];

describe("pages over the canonical text", () => {
  it("finds the page of an offset, page boundaries included", () => {
    expect(pageAt(starts, 0)).toBe(1);
    expect(pageAt(starts, 99)).toBe(1);
    expect(pageAt(starts, 100)).toBe(2);
    expect(pageAt(starts, 249)).toBe(2);
    expect(pageAt(starts, 250)).toBe(3);
    expect(pageAt(starts, 10_000)).toBe(3);
    expect(pageAt([], 5)).toBeNull();
  });

  it("gives a span its first and last page; the end offset is exclusive", () => {
    expect(spanPages(starts, 90, 100)).toEqual({ page: 1, endPage: 1 });
    expect(spanPages(starts, 90, 101)).toEqual({ page: 1, endPage: 2 });
    expect(spanPages(starts, 120, 300)).toEqual({ page: 2, endPage: 3 });
    expect(spanPages([], 1, 2)).toEqual({ page: null, endPage: null });
  });

  it("proposes the locator a reviewer would write", () => {
    expect(pageLocator(spanPages(starts, 110, 120))).toBe("p. 2");
    expect(pageLocator(spanPages(starts, 90, 260))).toBe("pp. 1-3");
    expect(pageLocator(spanPages([], 0, 1))).toBeNull();
  });

  it("lists pages for the API", () => {
    expect(pageList(starts)).toEqual([
      { number: 1, start: 0 },
      { number: 2, start: 100 },
      { number: 3, start: 250 },
    ]);
    expect(pageList([])).toBeNull();
  });
});
