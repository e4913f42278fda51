/**
 * Moves one end of a span by a word, in code points (the editor's "nudge" buttons and keys). Pure.
 * A word is a run of letters, digits and marks, with apostrophes and hyphens inside it ("Karabakh's",
 * "Nagorno-Karabakh"); everything else (spaces, punctuation) lies between words and is never left
 * dangling at the moved end.
 */
import { cpLength, cpToUtf16 } from "@/lib/anchoring/code-points";

export type TSpanEnd = "start" | "end";
export type TSpan = { start: number; end: number };

const WORD = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /['’\-]/u;

/** The text's code points around a span, for looking word by word (a window: the text can be 200 KB). */
const WINDOW = 400;

function isWordAt(chars: string[], i: number): boolean {
  const c = chars[i];
  if (c === undefined) return false;
  if (WORD.test(c)) return true;
  // An apostrophe or hyphen between two word characters belongs to the word.
  return JOINER.test(c) && WORD.test(chars[i - 1] ?? "") && WORD.test(chars[i + 1] ?? "");
}

/**
 * `span` with its `end` ("start" or "end") moved one word in `direction` (-1 earlier, +1 later).
 * The start goes to the beginning of a word, the end to the end of one; the span never becomes
 * empty and never leaves the text. Returns the span unchanged when there is no word to move to.
 */
export function nudgeSpan(text: string, span: TSpan, which: TSpanEnd, direction: -1 | 1): TSpan {
  const length = cpLength(text);
  const from = Math.max(0, Math.min(span.start, span.end) - WINDOW);
  const to = Math.min(length, Math.max(span.start, span.end) + WINDOW);
  const chars = Array.from(text.slice(cpToUtf16(text, from), cpToUtf16(text, to)));
  const local = { start: span.start - from, end: span.end - from };
  const word = (i: number) => isWordAt(chars, i);
  let i = local[which];
  if (which === "start") {
    if (direction < 0) {
      // Back over what lies between words, then to the beginning of the word before.
      while (i > 0 && !word(i - 1)) i--;
      while (i > 0 && word(i - 1)) i--;
    } else {
      // Past the rest of this word and what follows it, to the beginning of the next word.
      while (i < chars.length && word(i)) i++;
      while (i < chars.length && !word(i)) i++;
      if (i >= local.end) return span;
    }
  } else if (direction > 0) {
    while (i < chars.length && !word(i)) i++;
    while (i < chars.length && word(i)) i++;
  } else {
    // Back over the last word and what comes before it, to the end of the word before.
    while (i > 0 && word(i - 1)) i--;
    while (i > 0 && !word(i - 1)) i--;
    if (i <= local.start) return span;
  }
  // Nothing but spaces or punctuation that way: no word to move to.
  if (!(which === "start" ? word(i) : word(i - 1))) return span;
  const moved = i + from;
  return which === "start" ? { start: moved, end: span.end } : { start: span.start, end: moved };
}
