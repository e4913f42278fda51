import Link from "next/link";
import type { TDocumentPage } from "@/lib/documents/list-page";
import { sortDirection, type TDocumentListQuery, type TDocumentSort } from "@/lib/documents/schemas";
import { formatNumber } from "@/lib/format";

const SORT_LABELS: Record<TDocumentSort, string> = { updated: "Last change", title: "Title", annotations: "Annotations", verified: "Share verified" };

/** The /documents URL of a list state, leaving out what is the default. */
export function documentListHref(query: Partial<TDocumentListQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort && query.sort !== "updated") params.set("sort", query.sort);
  if (query.dir) params.set("dir", query.dir);
  if (query.after) params.set("after", query.after);
  if (query.before) params.set("before", query.before);
  const search = params.toString();
  return search ? `/documents?${search}` : "/documents";
}

/**
 * Filter and sort as a plain GET form: the state lives in the URL, so a list can be shared and the
 * back button works, with or without JavaScript. A new filter or sort starts at the first page.
 */
export function DocumentListControls({ query }: { query: TDocumentListQuery }) {
  return (
    <form method="get" action="/documents" role="search" aria-label="Documents" className="inline-form document-list-controls">
      <label htmlFor="documents-q">Filter by title</label>
      <input id="documents-q" name="q" type="search" defaultValue={query.q} />
      <label htmlFor="documents-sort">Sort by</label>
      <select id="documents-sort" name="sort" defaultValue={query.sort}>
        {Object.entries(SORT_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor="documents-dir">Order</label>
      <select id="documents-dir" name="dir" defaultValue={sortDirection(query)}>
        <option value="asc">Ascending (A–Z, fewest, oldest)</option>
        <option value="desc">Descending (Z–A, most, newest)</option>
      </select>
      <button type="submit" className="button">
        Apply
      </button>
    </form>
  );
}

/** "50 of 1,204 documents" with links to the keyset pages before and after. */
export function DocumentListPager({ page }: { page: TDocumentPage }) {
  if (!page.next && !page.previous) return null;
  const shown = page.documents.length;
  return (
    <nav aria-label="Pages of documents" className="pager">
      {page.previous && <Link href={documentListHref(page.previous)}>← Previous page</Link>}
      <span>
        {formatNumber(shown)} of {formatNumber(page.total)} documents
      </span>
      {page.next && <Link href={documentListHref(page.next)}>Next page →</Link>}
    </nav>
  );
}
