/**
 * The mapping between our Source records and CSL-JSON items (CSL 1.0.2 input schema), the format
 * Zotero, citeproc and citation-js speak. Pure: used by the exports, the import preview and the
 * citation formatter, on the server and in the browser.
 */
import type { TAuthor, TInlineSource, TSource, TSourceKind } from "@/lib/sources/schemas";

export type TCslName = {
  family?: string;
  given?: string;
  literal?: string;
  "dropping-particle"?: string;
  "non-dropping-particle"?: string;
  suffix?: string;
};

export type TCslDate = { "date-parts"?: Array<Array<string | number>>; raw?: string; literal?: string };

/** The CSL-JSON variables we read and write; items may carry any others, which we ignore. */
export type TCslItem = {
  id: string | number;
  type: string;
  title?: string;
  author?: TCslName[];
  "container-title"?: string;
  publisher?: string;
  "publisher-place"?: string;
  issued?: TCslDate;
  page?: string | number;
  ISBN?: string;
  DOI?: string;
  URL?: string;
  language?: string;
  custom?: { aliases?: string[]; "archived-url"?: string; [key: string]: unknown };
  [variable: string]: unknown;
};

/**
 * One CSL type per kind. LEGAL_DOCUMENT is "legislation" rather than "legal_case": the legal
 * documents texts cite here are resolutions, decrees and laws, not court decisions, and
 * Zotero exports its "statute" as legislation too.
 */
const KIND_TO_CSL: Record<TSourceKind, string> = {
  BOOK: "book",
  REPORT: "report",
  NEWS_ARTICLE: "article-newspaper",
  MAGAZINE_ARTICLE: "article-magazine",
  LEGAL_DOCUMENT: "legislation",
  INTERVIEW_OR_STATEMENT: "interview",
  SPEECH: "speech",
  VIDEO: "motion_picture",
  WEBSITE: "webpage",
  OTHER: "document",
};

/**
 * CSL types with no kind of their own, mapped to the nearest kind. A journal article is a
 * periodical article like a magazine one (same fields: container title, page); the generic
 * "article" (preprints, working papers) stays OTHER because it often has no container.
 */
const CSL_FALLBACKS: Record<string, TSourceKind> = {
  "article-journal": "MAGAZINE_ARTICLE",
  periodical: "MAGAZINE_ARTICLE",
  review: "MAGAZINE_ARTICLE",
  "review-book": "MAGAZINE_ARTICLE",
  chapter: "BOOK",
  classic: "BOOK",
  collection: "BOOK",
  "entry-dictionary": "BOOK",
  "entry-encyclopedia": "BOOK",
  thesis: "REPORT",
  "paper-conference": "REPORT",
  pamphlet: "REPORT",
  standard: "REPORT",
  dataset: "REPORT",
  legal_case: "LEGAL_DOCUMENT",
  bill: "LEGAL_DOCUMENT",
  regulation: "LEGAL_DOCUMENT",
  treaty: "LEGAL_DOCUMENT",
  hearing: "LEGAL_DOCUMENT",
  personal_communication: "INTERVIEW_OR_STATEMENT",
  broadcast: "VIDEO",
  performance: "VIDEO",
  post: "WEBSITE",
  "post-weblog": "WEBSITE",
};

const CSL_TO_KIND: Record<string, TSourceKind> = {
  ...CSL_FALLBACKS,
  ...Object.fromEntries(Object.entries(KIND_TO_CSL).map(([kind, type]) => [type, kind as TSourceKind])),
};

export function sourceKindToCslType(kind: TSourceKind): string {
  return KIND_TO_CSL[kind];
}

/** Any CSL type (or an unknown one) to a kind; what we have no kind for is OTHER. */
export function cslTypeToSourceKind(type: string): TSourceKind {
  return Object.hasOwn(CSL_TO_KIND, type) ? CSL_TO_KIND[type] : "OTHER";
}

/** "1992-03" → { "date-parts": [[1992, 3]] } */
function toCslDate(issued: string): TCslDate | undefined {
  if (!issued) return undefined;
  return { "date-parts": [issued.split("-").map(Number)] };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The first date of a CSL date (a range keeps its start) as "YYYY[-MM[-DD]]", else "". */
function fromCslDate(date: TCslDate | undefined): string {
  const parts = date?.["date-parts"]?.[0]?.map(Number);
  if (parts && parts.length > 0 && parts.every(Number.isInteger)) {
    const [year, month, day] = parts;
    return [String(year).padStart(4, "0"), month && pad(month), month && day && pad(day)].filter(Boolean).join("-");
  }
  // Some exporters send only an ISO-like string.
  const raw = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date?.raw ?? date?.literal ?? "");
  return raw ? raw.slice(1).filter(Boolean).join("-") : "";
}

function toCslName(author: TAuthor): TCslName {
  if ("literal" in author) return { literal: author.literal };
  return author.given ? { family: author.family, given: author.given } : { family: author.family };
}

/**
 * Particles join the family name ("de Waal") and suffixes the given name, because our names
 * have only those two parts; a name with neither family nor given is an organisation.
 */
function fromCslName(name: TCslName): TAuthor | null {
  const family = [name["non-dropping-particle"], name.family].filter(Boolean).join(" ").trim();
  const givenParts = [name.given, name["dropping-particle"]].filter(Boolean).join(" ");
  const given = [givenParts, name.suffix].filter(Boolean).join(", ").trim();
  if (family) return given ? { family, given } : { family };
  if (name.literal?.trim()) return { literal: name.literal.trim() };
  return given ? { literal: given } : null;
}

/** Omits empty strings so the item carries only what is known. */
function compact(item: TCslItem): TCslItem {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== "" && value !== undefined)) as TCslItem;
}

/**
 * A source as a CSL-JSON item. Aliases and the archived URL have no CSL variable; they travel in
 * `custom`, which the schema reserves for such data (rather than `note`, which styles print).
 */
export function toCslItem(source: TSource): TCslItem {
  const custom: NonNullable<TCslItem["custom"]> = {};
  if (source.aliases.length > 0) custom.aliases = [...source.aliases];
  if (source.archivedUrl) custom["archived-url"] = source.archivedUrl;
  return compact({
    id: source.id,
    type: sourceKindToCslType(source.kind),
    title: source.title,
    author: source.authors.length > 0 ? source.authors.map(toCslName) : undefined,
    "container-title": source.containerTitle,
    publisher: source.publisher,
    "publisher-place": source.publisherPlace,
    issued: toCslDate(source.issued),
    page: source.page,
    ISBN: source.isbn,
    DOI: source.doi,
    URL: source.url,
    language: source.language,
    custom: Object.keys(custom).length > 0 ? custom : undefined,
  });
}

const text = (value: unknown): string => (typeof value === "string" || typeof value === "number" ? String(value).trim() : "");

/**
 * A CSL-JSON item as the fields of a new source. Not validated here: the caller runs
 * ZInlineSource on it and reports what does not fit (a missing title, a malformed URL).
 */
export function fromCslItem(item: TCslItem): TInlineSource {
  const custom = item.custom && typeof item.custom === "object" ? item.custom : {};
  const aliases = Array.isArray(custom.aliases) ? custom.aliases.map(text).filter(Boolean) : [];
  return {
    kind: cslTypeToSourceKind(text(item.type)),
    title: text(item.title),
    authors: (Array.isArray(item.author) ? item.author : []).map(fromCslName).filter((a): a is TAuthor => a !== null),
    containerTitle: text(item["container-title"]),
    publisher: text(item.publisher),
    publisherPlace: text(item["publisher-place"]),
    issued: fromCslDate(item.issued),
    page: text(item.page),
    isbn: text(item.ISBN),
    doi: text(item.DOI),
    url: text(item.URL),
    archivedUrl: text(custom["archived-url"]),
    language: text(item.language),
    aliases,
  };
}
