import Link from "next/link";
import { StatusBadge } from "@/components/annotator/status-badge";
import type { TSecondHandCitation } from "@/lib/sources/citing";

/** Annotations whose attribution chain passes through the source, each with its chain in order. */
export function SecondHandCitations({ citations, sourceId }: { citations: TSecondHandCitation[]; sourceId: string }) {
  return (
    <section aria-labelledby="second-hand">
      <h2 id="second-hand">Cited second-hand</h2>
      {citations.length === 0 ? (
        <p className="muted">No attribution chain passes through this source.</p>
      ) : (
        <ul className="plain">
          {citations.map((c) => (
            <li key={c.id} className="citing-annotation">
              <Link href={`/documents/${c.documentId}`}>{c.documentTitle}</Link>: <q>{c.exact}</q>
              <span className="item-meta">
                <StatusBadge status={c.status} />
                {c.claimedLabel && <span>Claims: {c.claimedLabel}</span>}
                <span>
                  Chain:
                  {c.chain.map((hop, i) => (
                    <span key={i}>
                      {i > 0 && (
                        <>
                          {" "}
                          <span aria-hidden="true">→</span>
                          <span className="sr-only">, quoting</span>
                        </>
                      )}{" "}
                      {hop.sourceId === sourceId ? <strong>{hop.label}</strong> : <Link href={`/sources/${hop.sourceId}`}>{hop.label}</Link>}
                      {hop.locator && <span className="muted"> ({hop.locator})</span>}
                    </span>
                  ))}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
