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
/** Sentence-final punctuation, with any closing quotes or brackets after it. */
const SENTENCE_END = /[.!?:;…]["'”’»)\]]*$/u;

export function isListItem(line: string): boolean {
  return LIST_ITEM.test(line);
}

/** ALL CAPS: at least three letters, none lower-case ("UNITED NATIONS", "S/RES/874"). */
export function isAllCaps(line: string): boolean {
  const letters = line.match(/\p{L}/gu);
  return letters !== null && letters.length >= 3 && !/\p{Ll}/u.test(line);
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
      roles[i] = LINE.JOIN;
      for (let j = previous + 1; j < i; j++) roles[j] = LINE.HIDDEN;
    }
    previous = i;
  }
  return roles;
}

/**
 * The text with its soft line breaks (and the blank lines between joined lines) turned into spaces:
 * the same length in code points, so every offset into it is an offset into the canonical text.
 * Null when the text is not hard-wrapped.
 */
export function reflowedText(text: string): string | null {
  const lines = text.split("\n");
  if (!isHardWrapped(lines)) return null;
  const roles = lineRoles(lines);
  // Each line but the first follows one "\n"; a joined or hidden line's "\n" becomes a space.
  return lines.map((line, i) => (i === 0 ? line : roles[i] === LINE.START ? `\n${line}` : ` ${line}`)).join("");
}
