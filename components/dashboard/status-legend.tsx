import { statusClass } from "@/components/annotator/status-styles";
import { STATUSES, STATUS_INFO } from "@/lib/statuses";

/** What the bars' colours and symbols mean: swatch, symbol and word for each status. */
export function StatusLegend() {
  return (
    <ul className="status-counts dashboard-legend" aria-label="Legend">
      {STATUSES.map((s) => (
        <li key={s} className={statusClass(s)}>
          <span className="swatch" aria-hidden="true" /> <span aria-hidden="true">{STATUS_INFO[s].symbol}</span> {STATUS_INFO[s].label}
        </li>
      ))}
    </ul>
  );
}
