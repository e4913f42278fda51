import Link from "next/link";
import type { Ref } from "react";
import type { TAnnotationImportResult } from "@/lib/imports/schemas";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an import did, failures included, with the way back to the document. */
export function ImportResult({ result, headingRef }: { result: TAnnotationImportResult; headingRef: Ref<HTMLHeadingElement> }) {
  return (
    <section aria-labelledby="import-result-heading" className="stack" role="status">
      <h2 id="import-result-heading" ref={headingRef} tabIndex={-1}>
        Imported {plural(result.created + result.orphaned, "annotation", "annotations")}
      </h2>
      <ul>
        <li>{plural(result.created, "annotation placed", "annotations placed")} in the text</li>
        {result.orphaned > 0 && (
          <li>{plural(result.orphaned, "annotation kept as orphaned", "annotations kept as orphaned")}, listed under “Not placed in the text” beside the document to place by hand</li>
        )}
        {result.sourcesCreated > 0 && <li>{plural(result.sourcesCreated, "new source", "new sources")} added to the registry</li>}
      </ul>
      {result.failed > 0 && (
        <div className="notice">
          <p>{plural(result.failed, "item was", "items were")} not imported:</p>
          <ul>
            {result.failures.map((f) => (
              <li key={f.index}>
                #{f.index + 1}: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <Link href={`/documents/${result.documentId}`}>Back to the document</Link>
      </p>
    </section>
  );
}
