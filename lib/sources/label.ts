/**
 * A source's short label, as people cite it: "The Sunday Times · 1 March 1992 · Massacre
 * uncovered" for an article, "de Waal · 2003 · Black Garden" for a book, "UN Security Council ·
 * Resolution 822" for a legal act. The one label every place that names a source shows (reading
 * view, evidence, combobox, sources list, queue, CSV, the report when citeproc fails). Pure and free
 * of zod, so client components can use it.
 */
import { formatPartialDate } from "@/lib/format";
import type { TAuthor, TSource } from "@/lib/sources/schemas";

export type TLabelledSource = Pick<TSource, "kind" | "title" | "authors" | "containerTitle" | "publisher" | "issued">;

const SHORT_TITLE = 60;

/** A title without its subtitle, cut at a word within SHORT_TITLE characters. */
export function shortTitle(title: string): string {
  const main = title.split(/:\s/)[0].trim() || title.trim();
  if (main.length <= SHORT_TITLE) return main;
  const cut = main.slice(0, SHORT_TITLE);
  const space = cut.lastIndexOf(" ");
  return `${(space > SHORT_TITLE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;.–—-]+$/u, "")}…`;
}

/** "de Waal", "Smith and Jones", "Smith et al.", or an organisation's name. */
export function citedNames(authors: TAuthor[]): string {
  const names = authors.map((a) => ("literal" in a ? a.literal : a.family));
  if (names.length <= 2) return names.join(" and ");
  return `${names[0]} et al.`;
}

/** Parts in order, empty ones and repeats (an outlet that is also the title) left out. */
function join(parts: string[]): string {
  const out: string[] = [];
  for (const part of parts.map((p) => p.trim())) {
    if (part && !out.some((o) => o.toLowerCase() === part.toLowerCase())) out.push(part);
  }
  return out.join(" · ");
}

/** The issuing body, left out when the title already names it ("UN Security Council resolution 822"). */
function bodyUnlessInTitle(body: string, title: string): string {
  return body && title.toLowerCase().includes(body.toLowerCase()) ? "" : body;
}

export function sourceLabel(source: TLabelledSource): string {
  const { kind, title, containerTitle, publisher, issued } = source;
  const names = citedNames(source.authors);
  const date = issued ? formatPartialDate(issued) : "";
  const year = issued.slice(0, 4);
  const outlet = containerTitle || publisher;
  switch (kind) {
    case "NEWS_ARTICLE":
    case "MAGAZINE_ARTICLE":
    case "WEBSITE":
      return join([outlet || names, date, title]);
    case "BOOK":
    case "REPORT":
      return join([names || publisher, year, shortTitle(title)]);
    // The act's number is part of its title ("Resolution 822 (1993)"): there is no field for it.
    case "LEGAL_DOCUMENT":
      return join([bodyUnlessInTitle(names || publisher, title), title, title.includes(year) ? "" : year]);
    case "INTERVIEW_OR_STATEMENT":
    case "SPEECH":
      return join([names || outlet, date, title]);
    case "VIDEO":
      return join([outlet || names, date, title]);
    case "OTHER":
      return join([names || outlet, year, title]);
  }
}
