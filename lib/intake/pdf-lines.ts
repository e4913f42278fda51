/**
 * A PDF page's text layer (pdf.js text items: strings placed at coordinates) rebuilt into lines,
 * and the two repairs of print layout that the import preview reports: ligature characters
 * decomposed and words hyphenated across a line end joined. Pure: no pdf.js import.
 */

/** The part of a pdf.js TextItem read here; `transform[4]`/`[5]` are x and y in page space (y grows upwards). */
export type TPdfTextItem = { str: string; hasEOL: boolean; transform: number[]; width: number; height: number };

/**
 * Lines from text items in content order. A line ends where pdf.js marks an end of line
 * (`hasEOL`) or where the next item's baseline is more than half a font size away; on one
 * line, a gap wider than 15% of the font size between two items is a space when neither
 * already carries one (pdf.js usually emits the space itself; some producers only move the pen).
 */
export function pageLines(items: readonly TPdfTextItem[]): string[] {
  const lines: string[] = [];
  let line = "";
  let last: { y: number; endX: number; size: number } | null = null;

  const flush = () => {
    const clean = line.replace(/[ \t]+/g, " ").trim();
    if (clean) lines.push(clean);
    line = "";
    last = null;
  };

  for (const item of items) {
    // C0 controls (a stray CR or NUL in a font's mapping) would break lines or the canonical text.
    const str = item.str.replace(/[\u0000-\u001f\u007f]/g, " ");
    if (str) {
      const x = item.transform[4];
      const y = item.transform[5];
      const size = item.height > 0 ? item.height : Math.hypot(item.transform[2], item.transform[3]) || 1;
      if (last && line && str.trim()) {
        if (Math.abs(y - last.y) > Math.max(last.size, size) * 0.5) flush();
        else if (x - last.endX > 0.15 * size && !/\s$/.test(line) && !/^\s/.test(str)) line += " ";
      }
      line += str;
      if (str.trim() || !last) last = { y, endX: x + item.width, size };
    }
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

const LIGATURES: Record<string, string> = { "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st" };

/** ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ as their letters, so that "ﬁnal" is found by a search for "final". */
export function decomposeLigatures(text: string): { text: string; count: number } {
  let count = 0;
  const decomposed = text.replace(/[\ufb00-\ufb06]/g, (ligature) => {
    count++;
    return LIGATURES[ligature];
  });
  return { text: decomposed, count };
}

/**
 * How often each word (letters only, lower case) stands alone in the lines, for joinHyphenated's
 * test of a compound: a word joined to another by a hyphen ("inter" in "inter-ethnic") does not count.
 */
export function wordCounts(lines: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const [word] of line.toLowerCase().matchAll(/(?<![-\u2010\u00ad\p{L}])\p{L}+(?![-\u2010\u00ad\p{L}])/gu)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/**
 * Joins words that print layout split with a hyphen at a line end. The rule (no dictionary: the
 * document's own words stand in for one):
 * - a letter, then "-" or U+2010, ends the line, and the next line starts with a lowercase
 *   letter: a word broken by the layout; the hyphen and the line break are removed
 *   ("inter-" + "national" -> "international") and counted, unless both halves are words the
 *   document uses on their own elsewhere (`counts`, which never counts a half beside a hyphen):
 *   then it is a compound that broke at its own hyphen ("genocide-" + "military"), joined with the
 *   hyphen kept. A compound whose halves the text uses nowhere else loses its hyphen; the count in
 *   the preview says how many were joined.
 * - the next line starts with an uppercase letter or a digit (or the hyphen follows a digit):
 *   a real compound ("Nagorno-" + "Karabakh", "1991-" + "1992", "3-" + "year"); the lines
 *   are joined and the hyphen kept (not counted).
 * - a soft hyphen (U+00AD) is by definition a layout hyphen and always removed (counted).
 * Anything else after the hyphen (a quote, a dash, a space) leaves the lines as they are, and
 * lines are joined only within a page, so a page's start offset never falls inside a word.
 */
export function joinHyphenated(lines: readonly string[], counts: ReadonlyMap<string, number> = new Map()): { lines: string[]; joined: number } {
  const out: string[] = [];
  let joined = 0;
  const known = (word: string | undefined) => word !== undefined && word.length > 1 && (counts.get(word.toLowerCase()) ?? 0) >= 1;
  for (const line of lines) {
    const previous = out.at(-1);
    const hyphen = previous === undefined ? null : /(\p{L}*)([\p{L}\p{N}])([-\u2010\u00ad])$/u.exec(previous);
    if (previous !== undefined && hyphen && /^[\p{L}\p{N}]/u.test(line)) {
      const left = hyphen[1] + hyphen[2];
      const right = /^\p{L}+/u.exec(line)?.[0];
      const compound = known(left) && known(right);
      const layoutBreak = hyphen[3] === "\u00ad" || (/\p{L}/u.test(hyphen[2]) && /^\p{Ll}/u.test(line) && !compound);
      out[out.length - 1] = layoutBreak ? previous.slice(0, -1) + line : previous + line;
      if (layoutBreak) joined++;
      continue;
    }
    out.push(line);
  }
  return { lines: out, joined };
}
