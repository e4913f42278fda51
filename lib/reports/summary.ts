/** The report's figures, counted from its notes. Pure: the loader and the renderers share it. */
import type { TPerson } from "@/lib/annotations/schemas";
import type { TReportAnnotation, TReportSummary } from "@/lib/reports/schemas";
import type { TSource } from "@/lib/sources/schemas";
import { isVerdict, STATUSES, type TStatus } from "@/lib/statuses";

export function emptyStatusCounts(): Record<TStatus, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TStatus, number>;
}

/** Still open: no verdict yet, a verdict awaiting sign-off or sent back, or a discussion nobody resolved. */
export function isOpenQuestion(a: Pick<TReportAnnotation, "status" | "signOff" | "commentCount" | "threadResolved">): boolean {
  return !isVerdict(a.status) || a.signOff === "AWAITING" || a.signOff === "RETURNED" || (a.commentCount > 0 && !a.threadResolved);
}

export function summarize(annotations: readonly TReportAnnotation[]): TReportSummary {
  const byStatus = emptyStatusCounts();
  const sources = new Map<string, { source: TSource; total: number; byStatus: Record<TStatus, number> }>();
  let openQuestions = 0;
  for (const a of annotations) {
    byStatus[a.status] += 1;
    if (isOpenQuestion(a)) openQuestions += 1;
    if (!a.source) continue;
    const entry = sources.get(a.source.id) ?? { source: a.source, total: 0, byStatus: emptyStatusCounts() };
    entry.total += 1;
    entry.byStatus[a.status] += 1;
    sources.set(a.source.id, entry);
  }
  return {
    total: annotations.length,
    byStatus,
    sources: [...sources.values()].sort((a, b) => b.total - a.total || a.source.title.localeCompare(b.source.title, "en")),
    openQuestions,
  };
}

/** Everyone who made, changed, gave a verdict on or signed off one of the notes, by name. */
export function reviewersOf(annotations: readonly TReportAnnotation[]): TPerson[] {
  const people = new Map<string, TPerson>();
  for (const a of annotations) {
    for (const p of [a.createdBy, a.updatedBy, a.verdictBy, a.signedOffBy]) if (p && !people.has(p.id)) people.set(p.id, p);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "en") || a.email.localeCompare(b.email, "en"));
}
