import Link from "next/link";
import type { ReactNode } from "react";
import { ProgressBar } from "@/components/dashboard/progress-bar";
import type { TStatusCounts } from "@/lib/dashboard/schemas";
import { queueHref, type TQueueFilters } from "@/lib/queue/schemas";
import { STATUSES, STATUS_INFO } from "@/lib/statuses";

export type TStatusRow = {
  key: string;
  /** The row's name in words (for the links' accessible names) and as shown (maybe a link). */
  name: string;
  label: ReactNode;
  counts: TStatusCounts;
  total: number;
  /** The queue filter this row stands for (its document or source). */
  filter: TQueueFilters;
  extra?: ReactNode;
};

/**
 * A count that opens the queue with its filters: the row's document or source, and the status.
 * The link's name says what it counts ("3 Verified — Campaign page"), not just "3".
 */
export function QueueCount(props: { n: number; workspaceId: string; filter: TQueueFilters; what: string }) {
  if (props.n === 0) return <span className="muted">0</span>;
  return (
    <Link href={queueHref({ workspace: props.workspaceId, tab: "all", ...props.filter })}>
      {props.n.toLocaleString("en-GB")}
      <span className="sr-only"> {props.what}</span>
    </Link>
  );
}

/** Rows (documents or sources) with a stacked bar and the count of each status in its own cell. */
export function StatusTable(props: { caption: string; rowHeader: string; rows: TStatusRow[]; workspaceId: string; extraHeader?: string; foot?: TStatusRow }) {
  const row = (r: TStatusRow, foot = false) => (
    <tr key={r.key} className={foot ? "totals" : undefined}>
      <th scope="row">{r.label}</th>
      <td className="bar-cell">
        <ProgressBar counts={r.counts} total={r.total} />
      </td>
      {STATUSES.map((s) => (
        <td key={s} className="num">
          <QueueCount n={r.counts[s]} workspaceId={props.workspaceId} filter={{ ...r.filter, status: s }} what={`${STATUS_INFO[s].label} — ${r.name}`} />
        </td>
      ))}
      <td className="num">
        <QueueCount n={r.total} workspaceId={props.workspaceId} filter={r.filter} what={`annotations in all — ${r.name}`} />
      </td>
      {props.extraHeader && <td>{r.extra}</td>}
    </tr>
  );
  return (
    <div className="table-scroll">
      <table className="table status-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.rowHeader}</th>
            <th scope="col">Progress</th>
            {STATUSES.map((s) => (
              <th key={s} scope="col" className="num">
                <span aria-hidden="true">{STATUS_INFO[s].symbol}</span> {STATUS_INFO[s].label}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
            {props.extraHeader && <th scope="col">{props.extraHeader}</th>}
          </tr>
        </thead>
        <tbody>{props.rows.map((r) => row(r))}</tbody>
        {props.foot && <tfoot>{row(props.foot, true)}</tfoot>}
      </table>
    </div>
  );
}
