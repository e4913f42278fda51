/**
 * Pages of a paged document (a PDF) as a view over its canonical text: `pageStarts[i]` is the
 * code-point offset where page i + 1 starts. Nothing is inserted into the text. Pure.
 */

/** The page holding code point `offset`: the last page that starts at or before it (binary search). */
export function pageAt(pageStarts: readonly number[], offset: number): number | null {
  if (pageStarts.length === 0) return null;
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The pages of the span [start, end): the page of its first and of its last code point. */
export function spanPages(pageStarts: readonly number[], start: number, end: number): { page: number | null; endPage: number | null } {
  const page = pageAt(pageStarts, start);
  return { page, endPage: page === null ? null : pageAt(pageStarts, Math.max(start, end - 1)) };
}

/** The locator a citation of the span uses: "p. 5", or "pp. 5-6" across pages; null without pages. */
export function pageLocator(pages: { page: number | null; endPage: number | null }): string | null {
  if (pages.page === null) return null;
  return pages.endPage !== null && pages.endPage !== pages.page ? `pp. ${pages.page}-${pages.endPage}` : `p. ${pages.page}`;
}

/** The API's form: `[{ number, start }]`, or null for a document without pages. */
export function pageList(pageStarts: readonly number[]): { number: number; start: number }[] | null {
  return pageStarts.length === 0 ? null : pageStarts.map((start, i) => ({ number: i + 1, start }));
}
