import Link from "next/link";
import type { Ref } from "react";
import type { TImportItem, TImportPreview } from "@/lib/sources/import-schemas";
import { formatAuthors } from "@/lib/sources/schemas";

const BY_LABEL = { doi: "DOI", isbn: "ISBN", url: "URL", "title+year": "title and year" } as const;

function Outcome({ item }: { item: TImportItem }) {
  if (item.match) {
    return (
      <>
        Matches <Link href={`/sources/${item.match.sourceId}`}>“{item.match.title}”</Link> (by {BY_LABEL[item.match.by]})
      </>
    );
  }
  if (item.duplicateOf !== null) return <>Repeats entry {item.duplicateOf + 1}</>;
  return <span className="badge">New</span>;
}

/** The preview table: each entry and whether it is new, an existing source, or a repeat. */
export function ImportPreview({ preview, headingRef }: { preview: TImportPreview; headingRef: Ref<HTMLHeadingElement> }) {
  const fresh = preview.items.filter((i) => !i.match && i.duplicateOf === null).length;
  const matched = preview.items.filter((i) => i.match).length;
  return (
    <section aria-labelledby="import-preview-heading" className="stack">
      <h2 id="import-preview-heading" ref={headingRef} tabIndex={-1}>
        Preview: {fresh} new, {matched} {matched === 1 ? "match" : "matches"}
      </h2>
      {preview.problems.length > 0 && (
        <div className="notice" role="status">
          <p>Not imported:</p>
          <ul>
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Title</th>
              <th scope="col">Authors</th>
              <th scope="col">Year</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => (
              <tr key={item.index}>
                <td className="num">{item.index + 1}</td>
                <th scope="row">{item.entry.title}</th>
                <td>{formatAuthors(item.entry.authors)}</td>
                <td>{item.entry.issued.slice(0, 4)}</td>
                <td>
                  <Outcome item={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function countNew(preview: TImportPreview): number {
  return preview.items.filter((i) => !i.match && i.duplicateOf === null).length;
}
