/**
 * Offsets in Provenant count Unicode code points (as the W3C TextPositionSelector does);
 * JavaScript strings index UTF-16 units. This is the one place that converts. Pure.
 */

const SURROGATES = /[\uD800-\uDFFF]/;

/** True when every code point is one UTF-16 unit, so both counts agree. */
export function isBmpOnly(text: string): boolean {
  return !SURROGATES.test(text);
}

function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** UTF-16 index of code-point offset `cp` (clamped to the text's end). */
export function cpToUtf16(text: string, cp: number, bmpOnly = isBmpOnly(text)): number {
  if (bmpOnly) return Math.min(cp, text.length);
  let units = 0;
  for (let n = 0; n < cp && units < text.length; n++) units += isPair(text, units) ? 2 : 1;
  return units;
}

/** Code-point offset of UTF-16 index `units` (inside a pair counts as its start). */
export function utf16ToCp(text: string, units: number, bmpOnly = isBmpOnly(text)): number {
  if (bmpOnly) return Math.min(units, text.length);
  let cp = 0;
  for (let i = 0; i < units && i < text.length; i++) {
    if (isPair(text, i)) {
      if (i + 1 >= units) break;
      i++;
    }
    cp++;
  }
  return cp;
}

/** Length in code points. */
export function cpLength(text: string): number {
  return utf16ToCp(text, text.length);
}

/** The text between code-point offsets `start` and `end`. */
export function cpSlice(text: string, start: number, end: number, bmpOnly = isBmpOnly(text)): string {
  return text.slice(cpToUtf16(text, start, bmpOnly), cpToUtf16(text, end, bmpOnly));
}
