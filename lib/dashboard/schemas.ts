/** What the progress dashboard shows. Client-safe: types and pure helpers only. */
import { STATUSES, VERDICTS, type TStatus } from "@/lib/statuses";

export type TStatusCounts = Record<TStatus, number>;

export function emptyCounts(): TStatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as TStatusCounts;
}

export function totalOf(counts: TStatusCounts): number {
  return STATUSES.reduce((sum, s) => sum + counts[s], 0);
}

export type TDocumentProgress = {
  id: string;
  title: string;
  counts: TStatusCounts;
  total: number;
  /** Annotations whose status is a verdict; of those, confirmed by a second person, and awaiting that. */
  verdicts: number;
  confirmed: number;
  awaiting: number;
};

/** `id` null: the annotations that cite no source yet. */
/** A source's counts, named by its label (lib/sources/label.ts), or "No source yet". */
export type TSourceProgress = { id: string | null; label: string; counts: TStatusCounts; total: number };

/** One member's work this week (from Monday 00:00 UTC), counted from the events they wrote. */
export type TMemberWeek = { id: string; name: string; made: number; verdicts: number; signedOff: number };

/** The chart's series: each verdict, and a returned verdict put up again (which has no status of its own). */
export const VERDICT_SERIES = [...VERDICTS, "RESUBMITTED"] as const;
export type TVerdictSeries = (typeof VERDICT_SERIES)[number];

export type TVerdictWeek = { start: string; counts: Record<TVerdictSeries, number>; total: number };

/** One page of the per-document table: documents by title, `perPage` at a time; `page` counts from 1. */
export type TDocumentPage = { page: number; pages: number; perPage: number; total: number };

export type TDashboard = {
  requireSignOff: boolean;
  /** This page's documents (documentPage), by title. */
  documents: TDocumentProgress[];
  documentPage: TDocumentPage;
  /** Per status over every live document of the workspace. */
  totals: TStatusCounts;
  /** The most cited sources first, at most SOURCES_SHOWN; `moreSources` were left out. */
  sources: TSourceProgress[];
  moreSources: number;
  /** Monday 00:00 UTC of this week. */
  weekStart: string;
  members: TMemberWeek[];
  weeks: TVerdictWeek[];
};

export const SOURCES_SHOWN = 30;
/** Documents per page of the dashboard's per-document table (a workspace may hold thousands). */
export const DOCUMENTS_PER_PAGE = 50;
export const CHART_WEEKS = 8;
