/**
 * Metadata values as the formats give them (author strings, dates in several notations), turned
 * into the shapes Provenant stores. Pure.
 */

/** Collapses whitespace; null for a value that is empty once trimmed. */
export function cleanValue(value: string | null | undefined): string | null {
  const clean = (value ?? "").replace(/\s+/g, " ").trim();
  return clean || null;
}

/**
 * Author names from a byline or metadata field: split on ";", " and ", " & " and on commas when
 * every part is a full name ("Jane Doe, John Roe"), not when the comma inverts one name
 * ("Doe, Jane"). A leading "By" is dropped; URLs (Facebook profile links in article:author) are not names.
 */
export function splitAuthors(...values: Array<string | null | undefined>): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const clean = cleanValue(value)?.replace(/^by\s+/i, "");
    if (!clean) continue;
    for (const part of clean.split(/\s*;\s*|\s+and\s+|\s+&\s+/i)) {
      const commaParts = part.split(/\s*,\s*/).filter(Boolean);
      const pieces = commaParts.length > 1 && commaParts.every((p) => p.includes(" ")) ? commaParts : [part];
      for (const piece of pieces) {
        const name = piece.trim().replace(/^by\s+/i, "");
        if (!name || /^https?:\/\//i.test(name)) continue;
        const key = name.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        names.push(name);
      }
    }
  }
  return names;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A publication date as stored: an ISO day stays a day, an ISO timestamp stays as written (its
 * zone kept, so the day the source shows does not move), anything else Date can read becomes a
 * UTC timestamp; unreadable values are dropped rather than guessed.
 */
export function isoDate(value: string | null | undefined): string | null {
  const clean = cleanValue(value);
  if (!clean) return null;
  if (ISO_DAY.test(clean)) return validDay(clean) ? clean : null;
  if (ISO_TIME.test(clean)) return Number.isNaN(Date.parse(clean.replace(" ", "T"))) ? null : clean.replace(" ", "T");
  const parsed = Date.parse(clean);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

function validDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/**
 * A PDF date string (ISO 32000 7.9.4: "D:YYYYMMDDHHmmSSOHH'mm'", every part after the year
 * optional) as an ISO date: a day when the time is absent, else a timestamp with its offset.
 */
export function pdfDate(value: string | null | undefined): string | null {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-])?(\d{2})?'?(\d{2})?'?/.exec(cleanValue(value) ?? "");
  if (!match) return null;
  const [, year, month = "01", day = "01", hour, minute = "00", second = "00", sign, offH = "00", offM = "00"] = match;
  const date = `${year}-${month}-${day}`;
  if (!validDay(date)) return null;
  if (hour === undefined) return date;
  const zone = !sign || sign === "Z" ? "Z" : `${sign}${offH}:${offM}`;
  return isoDate(`${date}T${hour}:${minute}:${second}${zone}`);
}

/** Decodes the five XML entities and numeric references (docProps/core.xml values). */
export function decodeXmlText(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower.startsWith("#x")) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith("#")) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[lower];
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
