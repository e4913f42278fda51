import type { TReport } from "@/lib/reports/schemas";
import type { TSource } from "@/lib/sources/schemas";

/**
 * Every source the report names: claimed by its annotations, and behind their evidence. By title,
 * then id (the order of the sources export). A chain hop's source is here only when it is also
 * one of those, since the report carries a hop's id and title, not the whole source. Pure.
 */
export function citedSources(report: TReport): TSource[] {
  const byId = new Map<string, TSource>();
  for (const { source } of report.summary.sources) byId.set(source.id, source);
  for (const document of report.documents) {
    for (const a of document.annotations) {
      if (a.source) byId.set(a.source.id, a.source);
      for (const e of a.evidence) if (e.source) byId.set(e.source.id, e.source);
    }
  }
  return [...byId.values()].sort((x, y) => x.title.localeCompare(y.title, "en") || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
