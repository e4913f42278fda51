"use client";
import { createContext, useContext, useId, useState } from "react";
import { pageLocator, spanPages } from "@/lib/documents/pages";

/** The page starts of the document being read (code points), empty when it has no pages. */
export const DocumentPagesContext = createContext<readonly number[]>([]);

/** "p. 5" or "pp. 5-6" for a span of the document being read; null when it has no pages. */
export function usePageLocator(span: { start: number; end: number }): string | null {
  const pageStarts = useContext(DocumentPagesContext);
  return pageStarts.length === 0 ? null : pageLocator(spanPages(pageStarts, span.start, span.end));
}

/** The page of a span, for a list entry: "p. 5"; nothing for a document without pages. */
export function PageLabel({ span }: { span: { start: number; end: number } }) {
  const locator = usePageLocator(span);
  return locator ? <span className="page-label">{locator}</span> : null;
}

/**
 * "Go to page": scrolls the page's first line into view and puts the caret there (the page markers
 * are drawn by CSS on that line, outside the text; see textHtml).
 */
export function GoToPage({ pageCount, onGo }: { pageCount: number; onGo: (page: number) => void }) {
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  function go(event: React.FormEvent) {
    event.preventDefault();
    const page = Number(value);
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      setError(`Give a page from 1 to ${pageCount.toLocaleString("en-US")}`);
      return;
    }
    setError(undefined);
    onGo(page);
  }
  return (
    <form className="go-to-page" onSubmit={go} noValidate>
      <label htmlFor={`${id}-page`}>Go to page</label>
      <input
        id={`${id}-page`}
        type="number"
        inputMode="numeric"
        min={1}
        max={pageCount}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-count`}
      />
      <span id={`${id}-count`} className="muted">
        of {pageCount.toLocaleString("en-US")}
      </span>
      <button type="submit" className="button">
        Go
      </button>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
