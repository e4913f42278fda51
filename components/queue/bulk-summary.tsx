import { shorten } from "@/lib/anchoring/selectors";
import type { TBulkRowResult } from "@/lib/queue/schemas";

export type TBulkOutcome = { results: TBulkRowResult[]; quotes: Record<string, string> };

/** "3 updated, 1 refused: …": counts first, then each row that was not done, by its quote, with the reason. */
export function BulkSummary({ outcome }: { outcome: TBulkOutcome }) {
  const done = outcome.results.filter((r) => r.ok && r.changed).length;
  const same = outcome.results.filter((r) => r.ok && !r.changed).length;
  const failed = outcome.results.flatMap((r) => (r.ok ? [] : [r]));
  const stale = failed.filter((r) => r.error.code === "CONFLICT");
  const refused = failed.filter((r) => r.error.code !== "CONFLICT");
  const parts = [`${done} updated`];
  if (same > 0) parts.push(`${same} already so`);
  if (refused.length > 0) parts.push(`${refused.length} refused`);
  if (stale.length > 0) parts.push(`${stale.length} changed by someone else`);
  return (
    <div className={failed.length > 0 ? "bulk-summary has-failures" : "bulk-summary"}>
      <p>
        {parts.join(", ")}
        {failed.length > 0 ? ":" : "."}
      </p>
      {failed.length > 0 && (
        <ul>
          {[...refused, ...stale].map((r) => (
            <li key={r.id}>
              <q>{shorten(outcome.quotes[r.id] ?? r.id, 80)}</q> —{" "}
              {r.error.code === "CONFLICT" ? `${r.error.message}; left as they saved it` : `refused: ${r.error.message}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
