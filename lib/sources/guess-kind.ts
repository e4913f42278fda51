/**
 * The kind of a source guessed from what a reviewer types for it in the claimed-source combobox:
 * a known outlet is an article, "resolution" or "decree" a legal act. No guess (null) when the
 * words say nothing; the form then asks for a kind rather than silently assuming one. Pure.
 */
import { foldForSearch } from "@/lib/sources/fold";
import type { TSourceKind } from "@/lib/sources/schemas";

/** Newspapers, magazines, agencies and broadcasters that the corpus texts cite. */
export const KNOWN_OUTLETS: readonly string[] = [
  "Newsweek",
  "The Sunday Times",
  "The Times",
  "Le Monde",
  "The New York Times",
  "The Washington Post",
  "The Financial Times",
  // Not "Time" alone, nor "The Independent": the words occur in ordinary sentences.
  "Time magazine",
  "The Boston Globe",
  "Izvestia",
  "Krasnaya Zvezda",
  "Russkaya Mysl",
  "Moscow News",
  "AzerTAc",
  "Trend",
  "APA",
  "Reuters",
  "AP",
  "Associated Press",
  "AFP",
  "Agence France-Presse",
  "BBC",
  "CNN",
  "CNN Türk",
  "Radio Liberty",
];

/** Organisations whose publications are reports, not articles. */
export const KNOWN_REPORTING_BODIES: readonly string[] = ["Human Rights Watch", "Helsinki Watch", "Memorial", "Memorial Human Rights Centre", "Amnesty International"];

/** Words that name a kind, each as a whole word of the typed text. */
const KIND_WORDS: ReadonlyArray<readonly [TSourceKind, readonly string[]]> = [
  ["LEGAL_DOCUMENT", ["resolution", "resolutions", "decree", "convention", "law", "treaty", "statute", "protocol", "ordinance", "verdict", "judgment", "judgement"]],
  ["INTERVIEW_OR_STATEMENT", ["interview", "statement", "testimony", "declaration"]],
  ["SPEECH", ["speech", "address"]],
  ["VIDEO", ["video", "footage", "documentary", "film"]],
  ["REPORT", ["report"]],
  ["BOOK", ["book"]],
];

export type TKindGuess = { kind: TSourceKind; outlet?: string; because: string };

/**
 * True when `name` occurs in `text` as whole words, both folded for search; a leading "The" may be
 * left out ("Sunday Times") unless one word would be left ("The Times" stays whole).
 */
function hasWords(text: string, name: string): boolean {
  const folded = foldForSearch(name);
  const n = /^the \S+ \S/.test(folded) ? folded.slice(4) : folded;
  return n !== "" && ` ${text} `.includes(` ${n} `);
}

/**
 * The kind, with the outlet that decided it (to fill in as the article's container title), and
 * the words that led to the guess, for the form to say. `outlets`: the workspace's own outlets
 * (its sources' container titles), looked at before the built-in list.
 */
export function guessSourceKind(typed: string, outlets: readonly string[] = []): TKindGuess | null {
  const text = foldForSearch(typed);
  if (!text) return null;
  const [legal, ...others] = KIND_WORDS;
  const legalWord = legal[1].find((w) => hasWords(text, w));
  if (legalWord) return { kind: legal[0], because: legalWord };
  // Longest names first, so "The Sunday Times" wins over "The Times".
  const byLength = (names: readonly string[]) => [...names].sort((a, b) => b.length - a.length);
  const body = byLength(KNOWN_REPORTING_BODIES).find((name) => hasWords(text, name));
  if (body) return { kind: "REPORT", because: body };
  const outlet = byLength([...outlets, ...KNOWN_OUTLETS]).find((name) => hasWords(text, name));
  if (outlet) return { kind: "NEWS_ARTICLE", outlet, because: outlet };
  for (const [kind, words] of others) {
    const word = words.find((w) => hasWords(text, w));
    if (word) return { kind, because: word };
  }
  if (/^https?:\/\/\S+$/i.test(typed.trim())) return { kind: "WEBSITE", because: "a web address" };
  return null;
}
