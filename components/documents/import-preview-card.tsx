"use client";
import type { TImportPreview } from "@/lib/documents/intake-preview";
import { DOCUMENT_FORMAT_LABELS } from "@/lib/documents/schemas";
import { formatBytes } from "@/lib/intake/limits";


/** What an import will store, shown before anything is saved: format, metadata, pages, first lines, warnings. */
export function ImportPreviewCard({ preview, headingId }: { preview: TImportPreview; headingId: string }) {
  const { metadata } = preview;
  const facts: [string, string][] = [
    ["Format", `${DOCUMENT_FORMAT_LABELS[preview.format]} (${formatBytes(preview.original.size)})`],
    ...(preview.pageCount !== null ? ([["Pages", preview.pageCount.toLocaleString("en-US")]] as [string, string][]) : []),
    ["Length", `${preview.length.toLocaleString("en-US")} characters`],
    ...(metadata.authors.length ? ([["Authors", metadata.authors.join("; ")]] as [string, string][]) : []),
    ...(metadata.publisher ? ([["Publisher or site", metadata.publisher]] as [string, string][]) : []),
    ...(metadata.datePublished ? ([["Published", metadata.datePublished]] as [string, string][]) : []),
    ...(metadata.originalUrl ? ([["Address", metadata.originalUrl]] as [string, string][]) : []),
    ...(metadata.retrievedAt ? ([["Retrieved", metadata.retrievedAt.replace("T", " ").slice(0, 16) + " UTC"]] as [string, string][]) : []),
    ...(metadata.language ? ([["Language", metadata.language]] as [string, string][]) : []),
  ];
  return (
    <div className="import-preview-card" aria-labelledby={headingId}>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {preview.warnings.length > 0 && (
        <ul className="import-warnings" aria-label="Warnings">
          {preview.warnings.map((warning) => (
            <li key={warning.code}>
              <span aria-hidden="true">⚠ </span>
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      <details open>
        <summary>First lines</summary>
        {/* Scrolls when long: focusable, so that it scrolls from the keyboard too. */}
        <div className="import-first-lines" tabIndex={0} role="region" aria-label={`First lines of ${preview.title}`}>
          {preview.firstLines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      </details>
    </div>
  );
}
