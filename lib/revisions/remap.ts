/**
 * Carries annotations from one revision of a text to the next (issue 15): a span that no change
 * touches moves by the changes before it, and its quote is the same by construction; a touched one
 * is looked for (its exact quote near where it was, then an approximate match: lib/anchoring) and
 * gets its new quote and a similarity; one that cannot be placed is orphaned. Pure.
 */
import search from "approx-string-match";
import { AnchorText, reanchor } from "@/lib/anchoring/reanchor";
import { CONTEXT_LENGTH } from "@/lib/anchoring/selectors";
import { diffTexts, mapSpan, type TTextDiff } from "@/lib/revisions/text-diff";

export type TPlacedSpan = { id: string; start: number; end: number; exact: string; prefix: string; suffix: string };
type TQuote = { start: number; end: number; exact: string; prefix: string; suffix: string };

/**
 * What became of one annotation:
 * - "kept": same offsets, quote and context;
 * - "shifted": untouched, at new offsets (or with new context);
 * - "changed": a change touched it; placed again with `similarity` (1: the same words, elsewhere);
 * - "orphaned": not found in the new text.
 */
export type TRemapOutcome =
  | { id: string; kind: "kept" }
  | ({ id: string; kind: "shifted" } & TQuote)
  | ({ id: string; kind: "changed"; similarity: number } & TQuote)
  | { id: string; kind: "orphaned"; reason: string };

export type TRemapCounts = { kept: number; shifted: number; changed: number; orphaned: number };

function quoteAt(text: AnchorText, start: number, end: number): TQuote {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, Math.min(text.length, end + CONTEXT_LENGTH)),
  };
}

/** 1 for the same text, less by the share of characters an edit would change (2 decimals). */
function similarity(before: string, after: string): number {
  const longer = Math.max(before.length, after.length);
  if (longer === 0) return 1;
  const [best] = search(after, before, longer).sort((a, b) => a.errors - b.errors);
  const errors = (best?.errors ?? longer) + Math.max(0, after.length - before.length);
  return Math.max(0, Math.round((1 - Math.min(errors, longer) / longer) * 100) / 100);
}

/** The outcome for each placed span (in input order), the diff they went through, and the counts. */
export function remapSpans(oldText: string, newText: string, spans: readonly TPlacedSpan[]): { diff: TTextDiff; outcomes: TRemapOutcome[]; counts: TRemapCounts } {
  const diff = diffTexts(oldText, newText);
  const prepared = new AnchorText(newText);
  const counts: TRemapCounts = { kept: 0, shifted: 0, changed: 0, orphaned: 0 };
  const outcomes = spans.map((span): TRemapOutcome => {
    const mapped = mapSpan(diff.hunks, span);
    if (!mapped.touched) {
      const quote = quoteAt(prepared, mapped.start, mapped.end);
      const same = quote.start === span.start && quote.prefix === span.prefix && quote.suffix === span.suffix;
      counts[same ? "kept" : "shifted"]++;
      return same ? { id: span.id, kind: "kept" } : { id: span.id, kind: "shifted", ...quote };
    }
    const searched = reanchor(prepared, { exact: span.exact, prefix: span.prefix, suffix: span.suffix, start: mapped.start, end: mapped.end });
    // Not found (a short quote with one letter changed has no room for an approximate match): the
    // words the diff says it became, when there are any.
    const found = searched.state !== "failed" ? searched : mapped.end > mapped.start ? { ...mapped, similarity: similarity(span.exact, prepared.slice(mapped.start, mapped.end)) } : null;
    if (!found) {
      counts.orphaned++;
      return { id: span.id, kind: "orphaned", reason: "Its words are no longer in the text" };
    }
    const quote = quoteAt(prepared, found.start, found.end);
    // The same words in the same context: the change fell beside them (a diff may draw the edge of
    // an edit to either side of a repeated word), and they read as before.
    if (quote.exact === span.exact && quote.prefix === span.prefix && quote.suffix === span.suffix) {
      counts.shifted++;
      return { id: span.id, kind: "shifted", ...quote };
    }
    counts.changed++;
    return { id: span.id, kind: "changed", similarity: found.similarity, ...quote };
  });
  return { diff, outcomes, counts };
}
