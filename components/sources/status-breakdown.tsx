import { statusClass } from "@/components/annotator/status-styles";
import { STATUSES, STATUS_INFO, type TStatus } from "@/lib/statuses";

/**
 * Counts per status as a small stacked bar with the counts in text beside it (symbol, number and
 * label), so the bar's colours are never the only cue.
 */
export function StatusBreakdown({ counts }: { counts: Partial<Record<TStatus, number>> }) {
  const present = STATUSES.filter((s) => (counts[s] ?? 0) > 0);
  const total = present.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  if (total === 0) return <span className="muted">Not cited</span>;
  return (
    <div className="status-breakdown">
      <div className="status-bar" aria-hidden="true">
        {present.map((s) => (
          <span key={s} className={statusClass(s)} style={{ width: `${((counts[s] ?? 0) / total) * 100}%` }} />
        ))}
      </div>
      <ul className="status-counts">
        {present.map((s) => (
          <li key={s} className={statusClass(s)}>
            <span className="swatch" aria-hidden="true" /> <span aria-hidden="true">{STATUS_INFO[s].symbol}</span> {counts[s]} {STATUS_INFO[s].label}
          </li>
        ))}
      </ul>
    </div>
  );
}
