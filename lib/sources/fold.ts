/**
 * Search folding for source names. Texts cite sources misspelled, OCR'd with Cyrillic or Greek
 * look-alike letters ("Меmorial" with Cyrillic М and е) or with different accents and
 * punctuation; folding both sides to the same plain form lets a plain substring test find them.
 * Pure: the browser's source picker and the server use the same rules.
 */
import type { TAuthor, TSource } from "@/lib/sources/schemas";

/**
 * Look-alikes by shape, applied before lowercasing because some letters look different in each
 * case (Greek Η is an H, η an n; Greek Ν is an N, ν a v).
 */
const LOOK_ALIKES: ReadonlyArray<readonly [string, string]> = [
  // Cyrillic capitals, then lowercase.
  ["АВЕЅІЈКМНОРСТУХԀԚԜҺӀҮѴ", "abesijkmhopctyxdqwhiyv"],
  ["авеѕіјкмнорстухԁԛԝһӏүѵ", "abesijkmhopctyxdqwhlyv"],
  // Greek capitals, then lowercase.
  ["ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx"],
  ["αβεικνορτυχ", "abeikvoptux"],
  // Latin dotless i.
  ["ı", "i"],
];

const LOOK_ALIKE_MAP = new Map<string, string>();
for (const [from, to] of LOOK_ALIKES) {
  Array.from(from).forEach((ch, i) => LOOK_ALIKE_MAP.set(ch, to[i]));
}
const LOOK_ALIKE_RE = new RegExp(`[${Array.from(LOOK_ALIKE_MAP.keys()).join("")}]`, "gu");

/**
 * Lowercase, without accents (NFKD, which also unfolds ligatures and non-breaking spaces, then
 * combining marks removed), look-alike letters as Latin, and every run of punctuation or space
 * as one space.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(LOOK_ALIKE_RE, (ch) => LOOK_ALIKE_MAP.get(ch) ?? ch)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

type TSearchable = Pick<TSource, "title" | "authors" | "aliases" | "containerTitle">;
type TFolded = { names: string[]; authors: string[] };

/** Below this many folded characters a name is too short to be looked for inside a query. */
const MIN_NAME_IN_QUERY = 4;

function authorForms(author: TAuthor): string[] {
  if ("literal" in author) return [author.literal];
  return author.given ? [`${author.family} ${author.given}`, `${author.given} ${author.family}`] : [author.family];
}

// The picker tests every source on each keystroke; fold each source object once.
const folded = new WeakMap<TSearchable, TFolded>();

function foldSource(source: TSearchable): TFolded {
  let entry = folded.get(source);
  if (!entry) {
    entry = {
      names: [source.title, source.containerTitle, ...source.aliases].map(foldForSearch).filter(Boolean),
      authors: source.authors.flatMap(authorForms).map(foldForSearch).filter(Boolean),
    };
    folded.set(source, entry);
  }
  return entry;
}

/**
 * True when the query occurs in the source's title, container title, an alias or an author name
 * ("Waal" finds de Waal), or when a title or alias occurs in the query, so that a citation as a
 * text words it ("Le Monde" for a source known as "Le Mond") still finds the source. An empty
 * query matches every source.
 */
export function sourceMatches(source: TSearchable, query: string): boolean {
  const q = foldForSearch(query);
  if (!q) return true;
  const { names, authors } = foldSource(source);
  if (names.some((name) => name.includes(q) || (name.length >= MIN_NAME_IN_QUERY && q.includes(name)))) return true;
  return authors.some((name) => name.includes(q));
}
