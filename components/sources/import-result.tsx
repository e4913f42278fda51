import Link from "next/link";
import type { TImportResult } from "@/lib/sources/import-schemas";
import { sourceLabel } from "@/lib/sources/label";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an import did, with links to the new sources. */
export function ImportResult({ result, workspaceId }: { result: TImportResult; workspaceId: string }) {
  return (
    <section aria-labelledby="import-result-heading" className="stack" role="status">
      <h2 id="import-result-heading">Imported {plural(result.created.length, "new source", "new sources")}</h2>
      {result.created.length > 0 && (
        <ul>
          {result.created.map((s) => (
            <li key={s.id}>
              <Link href={`/sources/${s.id}`}>{sourceLabel(s)}</Link>
            </li>
          ))}
        </ul>
      )}
      {result.matched.length > 0 && <p>{plural(result.matched.length, "entry matched a source", "entries matched sources")} you already have; those were left as they are.</p>}
      <p>
        <Link href={`/sources?workspace=${encodeURIComponent(workspaceId)}`}>Back to the sources</Link>
      </p>
    </section>
  );
}
