"use client";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ChainView } from "@/components/annotator/chain-view";
import { Checklist } from "@/components/annotator/checklist";
import { PageLabel } from "@/components/annotator/document-pages";
import { sourceLabel } from "@/lib/sources/label";
import { StatusBadge } from "@/components/annotator/status-badge";
import { statusClass } from "@/components/annotator/status-styles";
import { shorten } from "@/lib/anchoring/selectors";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import { formatDateTime } from "@/lib/format";
import type { TSource } from "@/lib/sources/schemas";
import { SIGN_OFF_INFO, STATUSES, STATUS_INFO, type TStatus } from "@/lib/statuses";

export type TFilters = { status: TStatus | ""; sourceId: string; recheck: boolean };

/** Entries rendered at first and per step; more come as the list scrolls (2,000 at once would stall the page). */
const STEP = 100;

/** Renders `STEP` more entries when the end of the list scrolls into view. */
function MoreOnScroll(props: { onMore: () => void }) {
  const ref = useRef<HTMLLIElement>(null);
  const { onMore } = props;
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore(), { rootMargin: "400px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [onMore]);
  return <li ref={ref} aria-hidden="true" className="more-sentinel" />;
}

/**
 * One entry. Memoized: a change to one annotation renders its own entry again, not the other
 * hundred (the parent passes a stable `onChoose` and an `editor` only to the chosen entries).
 */
const AnnotationRow = memo(function AnnotationRow(props: { annotation: TAnnotationView; selected: boolean; onChoose: (id: string) => void; editor: React.ReactNode }) {
  const { annotation: a, selected, onChoose } = props;
  return (
    <li className={`annotation-item ${statusClass(a.status)}${selected ? " selected" : ""}`} data-annotation-id={a.id}>
      <button type="button" className="item-button" aria-pressed={selected} onClick={() => onChoose(a.id)}>
        <q>{shorten(a.exact, 90)}</q>
      </button>
      <div className="item-meta">
        <StatusBadge status={a.status} />
        {a.signOff !== "NONE" && (
          <span className={`sign-off-badge sign-off-${a.signOff.toLowerCase()}`}>
            <span aria-hidden="true">{SIGN_OFF_INFO[a.signOff].symbol}</span> {SIGN_OFF_INFO[a.signOff].label}
          </span>
        )}
        {a.needsRecheck && (
          <span className="recheck-badge">
            <span aria-hidden="true">⚠</span> Needs re-check
          </span>
        )}
        {a.assignee && <span>Assigned to {a.assignee.name}</span>}
        <PageLabel span={a} />
        <span>
          {a.source ? sourceLabel(a.source) : <em>No source yet</em>}
          {a.locator && <>, {a.locator}</>}
        </span>
        <ChainView chain={a.chain} />
        {a.evidenceCount > 0 && (
          <span className="evidence-count">
            {a.evidenceCount} evidence {a.evidenceCount === 1 ? "item" : "items"}
          </span>
        )}
        <span className="muted">
          {a.updatedBy.name} · <time dateTime={a.updatedAt}>{formatDateTime(new Date(a.updatedAt))}</time>
        </span>
      </div>
      {props.editor}
    </li>
  );
});

/** How many annotations have each status, and the sources they cite: once per change to the list. */
function useListFigures(all: TAnnotationView[], sources: TSource[]) {
  const counts = useMemo(() => {
    const byStatus = new Map<TStatus, number>();
    for (const a of all) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    return byStatus;
  }, [all]);
  const cited = useMemo(() => {
    const citedIds = new Set(all.map((a) => a.source?.id));
    return sources.filter((s) => citedIds.has(s.id));
  }, [all, sources]);
  return { counts, cited };
}

export function AnnotationList(props: {
  all: TAnnotationView[];
  shown: TAnnotationView[];
  sources: TSource[];
  filters: TFilters;
  onFilters: (f: TFilters) => void;
  selectedIds: string[];
  onChoose: (id: string) => void;
  /** What the list says while the document has no annotations (how to add one, or what a reader may do). */
  empty: React.ReactNode;
  /** Imported annotations not placed in the text (components/annotator/orphaned.tsx). */
  orphans?: React.ReactNode;
  renderEditor: (a: TAnnotationView) => React.ReactNode;
}) {
  const { counts, cited } = useListFigures(props.all, props.sources);
  const recheckCount = useMemo(() => props.all.filter((a) => a.needsRecheck).length, [props.all]);
  const [limit, setLimit] = useState(STEP);
  const more = useCallback(() => setLimit((l) => l + STEP), []);
  // A chosen entry further down (clicked in the text) is always rendered.
  const lastChosen = Math.max(-1, ...props.selectedIds.map((id) => props.shown.findIndex((a) => a.id === id)));
  const visible = props.shown.slice(0, Math.max(limit, lastChosen + 1 + STEP / 2));

  return (
    <>
      <h2 id="annotations-heading">
        Annotations <span className="muted">({props.all.length})</span>
      </h2>
      <ul className="status-counts" aria-label="Annotations by status">
        {STATUSES.filter((s) => counts.get(s)).map((s) => (
          <li key={s} className={statusClass(s)}>
            <span className="swatch" aria-hidden="true" /> {STATUS_INFO[s].label}: <strong>{counts.get(s)}</strong>
          </li>
        ))}
      </ul>
      <Checklist all={props.all} onChoose={props.onChoose} />
      {props.orphans}
      <div className="filters">
        <label>
          Filter by status
          <select value={props.filters.status} onChange={(e) => props.onFilters({ ...props.filters, status: e.target.value as TStatus | "" })}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_INFO[s].label} ({counts.get(s) ?? 0})
              </option>
            ))}
          </select>
        </label>
        <label>
          Filter by source
          <select value={props.filters.sourceId} onChange={(e) => props.onFilters({ ...props.filters, sourceId: e.target.value })}>
            <option value="">All sources</option>
            <option value="none">No source yet</option>
            {cited.map((s) => (
              <option key={s.id} value={s.id}>
                {shorten(sourceLabel(s), 60)}
              </option>
            ))}
          </select>
        </label>
        {(recheckCount > 0 || props.filters.recheck) && (
          <label className="checkbox">
            <input type="checkbox" checked={props.filters.recheck} onChange={(e) => props.onFilters({ ...props.filters, recheck: e.target.checked })} /> Only those
            that need a re-check ({recheckCount})
          </label>
        )}
      </div>
      {props.shown.length === 0 ? (
        <p className="muted empty-list">{props.all.length === 0 ? props.empty : "No annotations match these filters."}</p>
      ) : (
        <ol className="annotation-list">
          {visible.map((a) => {
            const selected = props.selectedIds.includes(a.id);
            return <AnnotationRow key={a.id} annotation={a} selected={selected} onChoose={props.onChoose} editor={selected ? props.renderEditor(a) : null} />;
          })}
          {visible.length < props.shown.length && <MoreOnScroll onMore={more} />}
        </ol>
      )}
      {visible.length < props.shown.length && (
        <button type="button" className="button" onClick={more}>
          Show more ({props.shown.length - visible.length} not shown yet)
        </button>
      )}
    </>
  );
}
