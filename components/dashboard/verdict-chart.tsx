import { VERDICT_SERIES, type TVerdictSeries, type TVerdictWeek } from "@/lib/dashboard/schemas";
import { formatWeekLong, formatWeekShort } from "@/lib/dashboard/weeks";
import { STATUS_INFO } from "@/lib/statuses";

const W = 720;
const H = 270;
const M = { top: 26, right: 12, bottom: 40, left: 44 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

/** Each series has its own fill pattern (white marks over its colour), so the chart reads without colour. */
const SERIES: Record<TVerdictSeries, { label: string; colour: string; marks: string | null }> = {
  VERIFIED: { label: STATUS_INFO.VERIFIED.label, colour: STATUS_INFO.VERIFIED.colour, marks: null },
  PARTLY_VERIFIED: { label: STATUS_INFO.PARTLY_VERIFIED.label, colour: STATUS_INFO.PARTLY_VERIFIED.colour, marks: "M-2,10 L10,-2 M6,10 L10,6 M-2,2 L2,-2" },
  MISATTRIBUTED: { label: STATUS_INFO.MISATTRIBUTED.label, colour: STATUS_INFO.MISATTRIBUTED.colour, marks: "M0,0 L8,8 M8,0 L0,8" },
  CONTRADICTED: { label: STATUS_INFO.CONTRADICTED.label, colour: STATUS_INFO.CONTRADICTED.colour, marks: "M0,2 L8,2 M0,6 L8,6" },
  SOURCE_NOT_FOUND: { label: STATUS_INFO.SOURCE_NOT_FOUND.label, colour: STATUS_INFO.SOURCE_NOT_FOUND.colour, marks: "dots" },
  RESUBMITTED: { label: "Resubmitted after return", colour: "#3d3d3d", marks: "M2,0 L2,8 M6,0 L6,8" },
};

const patternId = (s: TVerdictSeries) => `verdict-pattern-${s.toLowerCase().replace(/_/g, "-")}`;
const fillOf = (s: TVerdictSeries) => (SERIES[s].marks ? `url(#${patternId(s)})` : SERIES[s].colour);

function Patterns() {
  return (
    <defs>
      {VERDICT_SERIES.filter((s) => SERIES[s].marks).map((s) => (
        <pattern key={s} id={patternId(s)} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={SERIES[s].colour} />
          {SERIES[s].marks === "dots" ? (
            <circle cx="4" cy="4" r="1.6" fill="#fff" />
          ) : (
            <path d={SERIES[s].marks as string} stroke="#fff" strokeWidth="1.5" />
          )}
        </pattern>
      ))}
    </defs>
  );
}

/** Round tick step (1, 2, 5, 10, 20, 50, ...) giving about four gridlines up to `max`. */
function tickStep(max: number): number {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= rough) ?? 10 * power;
}

/**
 * Verdicts given per week as stacked bars, hand-written SVG: a title and a description with every
 * week's total for screen readers, each bar's total written above it, each series its own pattern
 * named in the legend, and a <title> per segment on hover.
 */
export function VerdictChart({ weeks }: { weeks: TVerdictWeek[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.total));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (n: number) => M.top + PLOT_H - (n / top) * PLOT_H;
  const band = PLOT_W / weeks.length;
  const barW = band * 0.6;
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
  const first = formatWeekLong(new Date(weeks[0].start));
  const last = formatWeekLong(new Date(weeks[weeks.length - 1].start));
  const description = `Stacked bars, one per week from the ${first} to the ${last}. Totals: ${weeks
    .map((w) => `${formatWeekShort(new Date(w.start))}: ${w.total}`)
    .join("; ")}.`;

  return (
    <figure className="verdict-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="verdict-chart-title" aria-describedby="verdict-chart-desc" className="chart">
        <title id="verdict-chart-title">Verdicts given per week</title>
        <desc id="verdict-chart-desc">{description}</desc>
        <Patterns />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#d6d3cc" />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {t}
            </text>
          </g>
        ))}
        {weeks.map((w, i) => {
          const x = M.left + i * band + (band - barW) / 2;
          let base = 0;
          return (
            <g key={w.start}>
              {VERDICT_SERIES.filter((s) => w.counts[s] > 0).map((s) => {
                const from = base;
                base += w.counts[s];
                return (
                  <rect key={s} x={x} width={barW} y={y(base)} height={y(from) - y(base)} fill={fillOf(s)} stroke="#fff" strokeWidth="1">
                    <title>{`${formatWeekLong(new Date(w.start))}: ${w.counts[s]} ${SERIES[s].label}`}</title>
                  </rect>
                );
              })}
              <text x={x + barW / 2} y={y(w.total) - 6} textAnchor="middle" className="chart-total">
                {w.total}
              </text>
              <text x={x + barW / 2} y={H - M.bottom + 18} textAnchor="middle" className="chart-tick">
                {formatWeekShort(new Date(w.start))}
              </text>
            </g>
          );
        })}
        <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} stroke="#1d1d1f" />
      </svg>
      <figcaption>
        <ul className="chart-legend" aria-label="Legend">
          {VERDICT_SERIES.map((s) => (
            <li key={s}>
              <svg width="16" height="16" aria-hidden="true">
                <rect width="16" height="16" fill={fillOf(s)} stroke="#1d1d1f" strokeWidth="0.5" />
              </svg>{" "}
              {SERIES[s].label}
            </li>
          ))}
        </ul>
        <p className="muted small">Weeks start on Monday 00:00 UTC. A returned verdict put up for sign-off again counts as given again.</p>
      </figcaption>
    </figure>
  );
}

/** The same figures as a table: a row per week, a column per series, and the total. */
export function VerdictTable({ weeks }: { weeks: TVerdictWeek[] }) {
  return (
    <div className="table-scroll">
      <table className="table verdict-table">
        <caption>Verdicts given per week, last {weeks.length} weeks</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            {VERDICT_SERIES.map((s) => (
              <th key={s} scope="col" className="num">
                {SERIES[s].label}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.start}>
              <th scope="row">
                <time dateTime={w.start.slice(0, 10)}>{formatWeekShort(new Date(w.start))}</time>
              </th>
              {VERDICT_SERIES.map((s) => (
                <td key={s} className="num">
                  {w.counts[s]}
                </td>
              ))}
              <td className="num">{w.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
