/**
 * Which line breaks of a text are soft: the rule that lets the reading view and the reports show a
 * hard-wrapped text (an OCR'd compilation, wrapped at about 90 characters and often double-spaced)
 * as paragraphs. A view over the canonical text, never a change to it: it says, line by line, how
 * a line is shown, and every offset stays where it is. Pure.
 *
 * A break stays hard where it means something: a paragraph break (more blank lines than the text's
 * usual spacing), before a list item ("-", "•", "*", "1.", "a)"), around a heading (an ALL-CAPS line,
 * or a short line), and after a line that ends a sentence well short of the wrap width.
 */

/** How a line is shown with reflow on. */
export const LINE = {
  /** Begins a paragraph (or stands alone), as without reflow. */
  START: 0,
  /** Continues the paragraph of the line shown before it, after a space. */
  JOIN: 1,
  /** A blank line between two joined lines: line spacing, not a paragraph break; not shown. */
  HIDDEN: 2,
  /** Continues a word the line before broke with a hyphen ("geno-" / "cide"): joined with no space. */
  JOIN_TIGHT: 3,
} as const;
export type TLineRole = (typeof LINE)[keyof typeof LINE];

/** Wrapped lines are mostly this long (code units, trailing space left out). */
const WRAPPED = { min: 60, max: 100 } as const;
/** The fewest non-blank lines a text needs before it is judged hard-wrapped. */
const MIN_LINES = 10;

const isBlank = (line: string) => line.trim() === "";
const lengthOf = (line: string) => line.trimEnd().length;

/** A line that starts a list item: "- ", "• ", "* ", "1. ", "12) ", "a) ", "(b) ". */
const LIST_ITEM = /^\s*(?:[-•*–]\s|\d{1,3}[.)]\s|[a-zA-Z][)]\s|\((?:[a-z]|\d{1,2})\)\s)/u;
/** A line that ends in a word broken by a hyphen ("Re-", "Nagorno-"), and one that goes on with a letter. */
const BROKEN_WORD = /\p{L}-$/u;
const GOES_ON = /^\p{L}/u;
/** Stands for a tight join's line break in reflowedText: one code point, drawn as nothing. */
export const TIGHT_JOIN = "\u200B";

/** Sentence-final punctuation, with any closing quotes or brackets after it. */
const SENTENCE_END = /[.!?:;…]["'”’»)\]]*$/u;

export function isListItem(line: string): boolean {
  return LIST_ITEM.test(line);
}

const LOWER = /\p{Ll}/u;
const THREE_LETTERS = /\p{L}\P{L}*\p{L}\P{L}*\p{L}/u;

/** ALL CAPS: at least three letters, none lower-case ("UNITED NATIONS", "S/RES/874"). */
export function isAllCaps(line: string): boolean {
  // Asked of every line of a text of up to 2 MB while its page renders: most lines have a lower-case
  // letter, found at once; only the others have their letters counted.
  return !LOWER.test(line) && THREE_LETTERS.test(line);
}

/** Most lines of the text's paragraphs are between 60 and 100 characters long: it was wrapped by a machine. */
export function isHardWrapped(lines: readonly string[]): boolean {
  const filled = lines.filter((l) => !isBlank(l));
  if (filled.length < MIN_LINES) return false;
  const wrapped = filled.filter((l) => lengthOf(l) >= WRAPPED.min && lengthOf(l) <= WRAPPED.max).length;
  return wrapped * 2 > filled.length;
}

/** The wrap width: the length most wrapped lines reach (the 80th percentile of non-blank lines). */
function wrapWidth(lines: readonly string[]): number {
  const lengths = lines.filter((l) => !isBlank(l)).map(lengthOf).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.8)] ?? 0;
}

/** Blank lines the text puts between its lines as spacing: 1 when most lines are followed by exactly one. */
function lineSpacing(lines: readonly string[]): number {
  let single = 0;
  let filled = 0;
  for (let i = 0; i + 2 < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    filled++;
    if (isBlank(lines[i + 1]) && !isBlank(lines[i + 2])) single++;
  }
  return single * 2 > filled ? 1 : 0;
}

/** Whether the break from line `a` to the next non-blank line `b`, `gap` blank lines apart, is soft. */
function isSoft(a: string, b: string, gap: number, rule: { width: number; spacing: number }): boolean {
  if (gap > rule.spacing) return false;
  if (isListItem(b) || isAllCaps(b) || isAllCaps(a)) return false;
  const length = lengthOf(a);
  if (length < rule.width * 0.6) return false;
  return !(SENTENCE_END.test(a.trimEnd()) && length < rule.width * 0.85);
}

/**
 * How each line is shown with reflow on (see LINE), for a text that is hard-wrapped: every line
 * START when it is not (a text whose lines are its paragraphs has nothing to reflow).
 */
export function lineRoles(lines: readonly string[]): TLineRole[] {
  const roles: TLineRole[] = lines.map(() => LINE.START);
  if (!isHardWrapped(lines)) return roles;
  const rule = { width: wrapWidth(lines), spacing: lineSpacing(lines) };
  let previous = -1;
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    if (previous >= 0 && isSoft(lines[previous], lines[i], i - previous - 1, rule)) {
      roles[i] = BROKEN_WORD.test(lines[previous].trimEnd()) && GOES_ON.test(lines[i]) ? LINE.JOIN_TIGHT : LINE.JOIN;
      for (let j = previous + 1; j < i; j++) roles[j] = LINE.HIDDEN;
    }
    previous = i;
  }
  return roles;
}

/**
 * The text with its soft line breaks (and the blank lines between joined lines) turned into spaces,
 * and the break inside a hyphenated word into TIGHT_JOIN (a renderer leaves it out, so "geno-cide"
 * shows as one word): the same length in code points, so every offset into it is an offset into the
 * canonical text. Null when the text is not hard-wrapped.
 */
export function reflowedText(text: string): string | null {
  const lines = text.split("\n");
  if (!isHardWrapped(lines)) return null;
  const roles = lineRoles(lines);
  // Each line but the first follows one "\n": a joined line's, and a hidden one's, becomes a space, or
  // TIGHT_JOIN on the way into a tight join (read from the end, so a hidden line knows where it leads).
  const before: string[] = new Array(lines.length).fill("");
  let tight = false;
  for (let i = lines.length - 1; i > 0; i--) {
    if (roles[i] !== LINE.HIDDEN) tight = roles[i] === LINE.JOIN_TIGHT;
    before[i] = roles[i] === LINE.START ? "\n" : tight ? TIGHT_JOIN : " ";
  }
  return lines.map((line, i) => before[i] + line).join("");
}
