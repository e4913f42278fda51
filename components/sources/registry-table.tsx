import Link from "next/link";
import { StatusBreakdown } from "@/components/sources/status-breakdown";
import type { TRegistryEntry, TRegistryQuery, TRegistrySort } from "@/lib/sources/registry-schemas";
import { sourceLabel } from "@/lib/sources/label";
import { formatAuthors, SOURCE_KIND_LABELS } from "@/lib/sources/schemas";

const COLUMNS: { sort: TRegistrySort; label: string; num?: boolean }[] = [
  { sort: "title", label: "Title" },
  { sort: "kind", label: "Kind" },
  { sort: "authors", label: "Authors" },
  { sort: "date", label: "Date" },
  { sort: "citations", label: "Citing annotations", num: true },
];

/** The registry URL with the same workspace and search, sorted by `sort` (again: the other direction). */
export function registryHref(query: TRegistryQuery, patch: Partial<TRegistryQuery>): string {
  const next = { ...query, ...patch };
  const params = new URLSearchParams({ workspace: next.workspaceId });
  if (next.q) params.set("q", next.q);
  if (next.sort !== "title") params.set("sort", next.sort);
  if (next.dir !== "asc") params.set("dir", next.dir);
  return `/sources?${params}`;
}

export function RegistryTable(props: { entries: TRegistryEntry[]; query: TRegistryQuery; canEdit: boolean }) {
  const { query } = props;
  return (
    <div className="table-scroll">
      <table className="table registry">
        <caption className="sr-only">Sources, sorted by {COLUMNS.find((c) => c.sort === query.sort)?.label} ({query.dir === "asc" ? "ascending" : "descending"})</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = query.sort === c.sort;
              const dir = active && query.dir === "asc" ? "desc" : "asc";
              return (
                <th key={c.sort} scope="col" className={c.num ? "num" : undefined} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
                  <Link href={registryHref(query, { sort: c.sort, dir })} className="sort-link">
                    {c.label}
                    <span aria-hidden="true">{active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}</span>
                    <span className="sr-only">{active ? `, sort ${dir === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
                  </Link>
                </th>
              );
            })}
            <th scope="col">Statuses</th>
            {props.canEdit && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.entries.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link href={`/sources/${s.id}`}>{sourceLabel(s)}</Link>
                {s.aliases.length > 0 && <div className="muted small">also cited as {s.aliases.join("; ")}</div>}
              </th>
              <td>{SOURCE_KIND_LABELS[s.kind]}</td>
              <td>{formatAuthors(s.authors)}</td>
              <td>{s.issued}</td>
              <td className="num">{s.citationCount.toLocaleString("en-GB")}</td>
              <td>
                <StatusBreakdown counts={s.statusCounts} />
              </td>
              {props.canEdit && (
                <td>
                  <Link href={`/sources/${s.id}/edit`} aria-label={`Edit ${sourceLabel(s)}`}>
                    Edit
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
