/** Search and sort of registry entries. Pure: the page and the API order the list the same way. */
import { sourceMatches } from "@/lib/sources/fold";
import type { TRegistryEntry, TRegistrySort, TSortDirection } from "@/lib/sources/registry-schemas";
import { formatAuthors, SOURCE_KIND_LABELS } from "@/lib/sources/schemas";

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

type TCompare = (a: TRegistryEntry, b: TRegistryEntry) => number;

/** Unknown values ("" date, no authors) sort last in either direction: they say nothing. */
function textOrder(value: (e: TRegistryEntry) => string): TCompare {
  return (a, b) => collator.compare(value(a), value(b));
}

const COMPARE: Record<TRegistrySort, TCompare> = {
  title: textOrder((e) => e.title),
  kind: textOrder((e) => SOURCE_KIND_LABELS[e.kind]),
  authors: textOrder((e) => formatAuthors(e.authors)),
  date: textOrder((e) => e.issued),
  citations: (a, b) => a.citationCount - b.citationCount,
};

function isBlank(entry: TRegistryEntry, sort: TRegistrySort): boolean {
  if (sort === "authors") return entry.authors.length === 0;
  if (sort === "date") return entry.issued === "";
  return false;
}

export function searchAndSort(entries: TRegistryEntry[], options: { q: string; sort: TRegistrySort; dir: TSortDirection }): TRegistryEntry[] {
  const sign = options.dir === "desc" ? -1 : 1;
  const compare = COMPARE[options.sort];
  return entries
    .filter((e) => sourceMatches(e, options.q))
    .sort((a, b) => {
      const blank = Number(isBlank(a, options.sort)) - Number(isBlank(b, options.sort));
      if (blank !== 0) return blank;
      return sign * compare(a, b) || collator.compare(a.title, b.title) || a.id.localeCompare(b.id);
    });
}
