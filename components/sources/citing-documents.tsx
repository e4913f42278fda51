import Link from "next/link";
import { StatusBadge } from "@/components/annotator/status-badge";
import { StatusBreakdown } from "@/components/sources/status-breakdown";
import type { TCitingDocument } from "@/lib/sources/citing";
import { formatCount } from "@/lib/format";
import type { TStatus } from "@/lib/statuses";

/** Every annotation that claims the source, grouped by document, with quote, locator and status. */
export function CitingDocuments(props: { documents: TCitingDocument[]; statusCounts: Partial<Record<TStatus, number>> }) {
  const total = props.documents.reduce((sum, d) => sum + d.annotations.length, 0);
  return (
    <section aria-labelledby="cited-in">
      <h2 id="cited-in">Cited in</h2>
      {total === 0 ? (
        <p className="muted">No annotation claims this source yet.</p>
      ) : (
        <>
          <p>
            {formatCount(total, "annotation")} in {formatCount(props.documents.length, "document")}
          </p>
          <StatusBreakdown counts={props.statusCounts} />
          {props.documents.map((d) => (
            <section key={d.documentId} className="citing-document" aria-label={d.title}>
              <h3>
                <Link href={`/documents/${d.documentId}`}>{d.title}</Link>
              </h3>
              <ul className="plain">
                {d.annotations.map((a) => (
                  <li key={a.id} className="citing-annotation">
                    <q>{a.exact}</q>
                    <span className="item-meta">
                      <span>{a.locator ? `Locator: ${a.locator}` : <span className="muted">No locator</span>}</span>
                      <StatusBadge status={a.status} />
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
