/**
 * How an imported entry is recognised as a source the workspace already has: the same DOI, ISBN,
 * URL, or title and year, each compared in a normalised form, strongest identifier first. Pure.
 */
import { foldForSearch } from "@/lib/sources/fold";
import type { TInlineSource } from "@/lib/sources/schemas";

export const MATCH_BY = ["doi", "isbn", "url", "title+year"] as const;
export type TMatchBy = (typeof MATCH_BY)[number];

type TKeyed = Pick<TInlineSource, "doi" | "isbn" | "url" | "title" | "issued"> & { aliases?: string[] };

/** "https://doi.org/10.1/ABC", "doi:10.1/abc" → "10.1/abc" (DOIs are case-insensitive). */
export function normaliseDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, "")
    .toLowerCase();
}

/** Digits and X only; an ISBN-10 becomes its ISBN-13, so both forms of one book match. */
export function normaliseIsbn(isbn: string): string {
  const bare = isbn.toUpperCase().replace(/[^0-9X]/g, "");
  if (!/^\d{9}[\dX]$/.test(bare)) return bare;
  const twelve = `978${bare.slice(0, 9)}`;
  const sum = Array.from(twelve).reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

/**
 * Host lowercased without "www.", no scheme (http and https name the same page here), no
 * fragment, no trailing slash; "" when it is not a URL.
 */
export function normaliseUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    const host = u.host.toLowerCase().replace(/^www\./, "");
    return `${host}${u.pathname.replace(/\/+$/, "")}${u.search}`;
  } catch {
    return "";
  }
}

/**
 * The keys under which a source is found, by kind. A source's aliases are other titles it is known
 * by, so they give title+year keys too. Entries without a year match on title alone against
 * sources without a year.
 */
export function matchKeys(source: TKeyed): { by: TMatchBy; key: string }[] {
  const keys: { by: TMatchBy; key: string }[] = [];
  const doi = normaliseDoi(source.doi);
  if (doi) keys.push({ by: "doi", key: `doi:${doi}` });
  const isbn = normaliseIsbn(source.isbn);
  if (isbn) keys.push({ by: "isbn", key: `isbn:${isbn}` });
  const url = normaliseUrl(source.url);
  if (url) keys.push({ by: "url", key: `url:${url}` });
  const year = source.issued.slice(0, 4);
  for (const title of [source.title, ...(source.aliases ?? [])]) {
    const folded = foldForSearch(title);
    if (folded) keys.push({ by: "title+year", key: `title+year:${folded}|${year}` });
  }
  return keys;
}

/** An index of existing records by match key; the first record given a key keeps it. */
export function buildMatchIndex<T extends TKeyed>(records: T[]): Map<string, T> {
  const index = new Map<string, T>();
  for (const record of records) for (const { key } of matchKeys(record)) if (!index.has(key)) index.set(key, record);
  return index;
}

/** The existing record an entry matches, by the strongest identifier they share, or null. */
export function findMatch<T>(entry: TKeyed, index: Map<string, T>): { record: T; by: TMatchBy } | null {
  // An entry's own aliases are not looked up: an import names the entry by its title.
  for (const { by, key } of matchKeys({ ...entry, aliases: [] })) {
    if (index.has(key)) return { record: index.get(key) as T, by };
  }
  return null;
}
