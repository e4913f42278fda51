/**
 * Hypothesis's `matchQuote(text, quote, { prefix, suffix, hint })`, answered by our own anchoring
 * (lib/anchoring/reanchor.ts), so that Hypothesis's quote-matching tests (test/match-quote-test.js,
 * vendored unchanged with their BSD licence, LICENSE) run against it. Not used by the app.
 *
 * `score` is our similarity: how much of the quote is as it was (1 for the exact words). Context and
 * nearness choose between places, as Hypothesis's do, but do not lower the score (see the runner,
 * match-quote.test.ts, for the cases where that differs on purpose).
 */
import { AnchorText, reanchor } from "@/lib/anchoring/reanchor";

export type TMatch = { start: number; end: number; score: number };

export function matchQuote(text: string, quote: string, context: { prefix?: string; suffix?: string; hint?: number } = {}): TMatch | null {
  if (text === "" || quote === "") return null;
  const prepared = new AnchorText(text);
  const hint = context.hint ?? null;
  const found = reanchor(prepared, {
    exact: quote,
    prefix: context.prefix ?? "",
    suffix: context.suffix ?? "",
    start: hint,
    end: hint === null ? null : hint + Array.from(quote).length,
  });
  if (found.state === "failed") return null;
  return { start: prepared.toUnits(found.start), end: prepared.toUnits(found.end), score: found.similarity };
}
