"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useId, useRef, useState } from "react";
import { StatusBadge } from "@/components/annotator/status-badge";
import { statusClass } from "@/components/annotator/status-styles";
import { BulkForm } from "@/components/queue/bulk-form";
import { BulkSummary, type TBulkOutcome } from "@/components/queue/bulk-summary";
import { QueueLive } from "@/components/queue/queue-live";
import { shorten } from "@/lib/anchoring/selectors";
import type { TPerson } from "@/lib/annotations/schemas";
import type { TAppErrorBody } from "@/lib/errors";
import { bulkQueueAction } from "@/lib/queue/actions";
import type { TBulkChange, TQueueRow } from "@/lib/queue/schemas";
import { isVerdict, SIGN_OFF_INFO } from "@/lib/statuses";

/** A row with its wait worked out on the server (so server and client render the same words). */
export type TQueueViewRow = TQueueRow & { waitingSince: string; waitingSinceText: string; age: string };

type TProps = {
  workspaceId: string;
  viewerId: string;
  caption: string;
  empty: string;
  rows: TQueueViewRow[];
  assignees: TPerson[];
  /** REVIEWER or above: may select rows and apply bulk actions. */
  canAct: boolean;
};

/**
 * The queue's rows with selection and bulk actions. Each selected row is sent with the version
 * this page showed; the per-row outcome is summed up in a live region and the page refreshes.
 * Rows that were not done stay selected, so after a look at the refreshed rows the action can be
 * applied again.
 */
export function QueueTable(props: TProps) {
  const router = useRouter();
  const id = useId();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<TBulkOutcome | null>(null);
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const selectAll = useRef<HTMLInputElement>(null);

  // Rows that left the page (refreshed away) are no longer selected.
  const chosen = props.rows.filter((r) => selected.has(r.id));
  const all = props.rows.length > 0 && chosen.length === props.rows.length;
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen.length > 0 && !all;
  }, [chosen.length, all]);

  function toggle(rowId: string, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(rowId);
      else next.delete(rowId);
      return next;
    });
  }

  async function apply(change: TBulkChange) {
    setPending(true);
    setError(null);
    const quotes = Object.fromEntries(chosen.map((r) => [r.id, r.exact]));
    const result = await bulkQueueAction({ ...change, items: chosen.map((r) => ({ id: r.id, version: r.version })) });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setOutcome({ results: result.data.results, quotes });
    setSelected(new Set(result.data.results.filter((r) => !r.ok).map((r) => r.id)));
    startTransition(() => router.refresh());
  }

  const failures = new Map(outcome?.results.flatMap((r) => (r.ok ? [] : [[r.id, r.error.message] as const])) ?? []);

  return (
    <div className="queue">
      <QueueLive workspaceId={props.workspaceId} viewerId={props.viewerId} hold={chosen.length > 0} />
      {props.canAct && props.rows.length > 0 && (
        <div className="bulk-bar">
          <label className="checkbox">
            <input
              ref={selectAll}
              type="checkbox"
              checked={all}
              onChange={(e) => setSelected(e.target.checked ? new Set(props.rows.map((r) => r.id)) : new Set())}
            />{" "}
            Select all on this page
          </label>
          <BulkForm selected={chosen.length} pending={pending} assignees={props.assignees} onApply={apply} />
        </div>
      )}
      <div role="status" className="bulk-status">
        {outcome && <BulkSummary outcome={outcome} />}
      </div>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {props.rows.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <table className="table queue-table">
          <caption className="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              {props.canAct && (
                <th scope="col">
                  <span className="sr-only">Selected</span>
                </th>
              )}
              <th scope="col">Quote</th>
              <th scope="col">Document</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Sign-off</th>
              <th scope="col">Assigned to</th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => {
              const quoteId = `${id}-q-${r.id}`;
              const failure = failures.get(r.id);
              return (
                <tr key={r.id} className={`${statusClass(r.status)}${selected.has(r.id) ? " selected" : ""}`}>
                  {props.canAct && (
                    <td>
                      <input type="checkbox" aria-labelledby={quoteId} checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
                    </td>
                  )}
                  <th scope="row">
                    <Link id={quoteId} href={`/documents/${r.documentId}?annotation=${encodeURIComponent(r.id)}`} title={r.exact.length > 120 ? r.exact : undefined}>
                      {shorten(r.exact, 120)}
                    </Link>
                    {failure && <p className="error small">{failure}</p>}
                  </th>
                  <td>{r.documentTitle}</td>
                  <td>{r.source ? r.source.label : <span className="muted">No source yet</span>}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>
                    <SignOffCell row={r} />
                  </td>
                  <td>{r.assignee ? r.assignee.name : <span className="muted">Nobody</span>}</td>
                  <td>
                    <time dateTime={r.waitingSince} title={r.waitingSinceText}>
                      {r.age}
                    </time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function SignOffCell({ row }: { row: TQueueRow }) {
  if (row.signOff === "NONE") return <span className="muted">{isVerdict(row.status) ? "Not required" : "No verdict yet"}</span>;
  const info = SIGN_OFF_INFO[row.signOff];
  return (
    <span className={`sign-off-badge sign-off-${row.signOff.toLowerCase()}`}>
      <span aria-hidden="true">{info.symbol}</span> {info.label}
      {row.verdictBy && <span className="muted"> · verdict by {row.verdictBy.name}</span>}
    </span>
  );
}
