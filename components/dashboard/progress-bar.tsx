import { statusClass } from "@/components/annotator/status-styles";
import type { TStatusCounts } from "@/lib/dashboard/schemas";
import { STATUSES, STATUS_INFO } from "@/lib/statuses";

/** Segments this wide (in %) or wider also show their symbol and count inside. */
const LABEL_MIN_PERCENT = 9;

/**
 * Counts per status as one stacked bar, in the statuses' fixed order. Each segment has its status
 * and count as a title, and wide ones show symbol and count inside; the same counts are in the
 * table cells beside it, so the bar itself is hidden from screen readers.
 */
export function ProgressBar({ counts, total }: { counts: TStatusCounts; total: number }) {
  if (total === 0) return <span className="muted small">No annotations yet</span>;
  return (
    <div className="progress-bar" aria-hidden="true">
      {STATUSES.filter((s) => counts[s] > 0).map((s) => {
        const percent = (counts[s] / total) * 100;
        const info = STATUS_INFO[s];
        return (
          <span key={s} className={statusClass(s)} style={{ width: `${percent}%` }} title={`${info.label}: ${counts[s]} of ${total} (${Math.round(percent)}%)`}>
            {percent >= LABEL_MIN_PERCENT ? `${info.symbol} ${counts[s]}` : ""}
          </span>
        );
      })}
    </div>
  );
}
