"use client";
import { useState, type ReactNode } from "react";

/** Shows a chart, or the same figures as a table; the button keeps its name and says whether it is on. */
export function ChartToggle(props: { chart: ReactNode; table: ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  return (
    <div className="chart-toggle">
      <button type="button" className="button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
        Show as table
      </button>
      {asTable ? props.table : props.chart}
    </div>
  );
}
