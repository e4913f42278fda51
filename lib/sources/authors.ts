/**
 * Authors as people read and type them. Apart from the zod schemas (schemas.ts re-exports these) so
 * that client code which only shows a source, such as the reading view's list, does not load zod.
 */
import type { TAuthor } from "@/lib/sources/schemas";

/** "de Waal, Thomas; Memorial Human Rights Centre" */
export function formatAuthors(authors: TAuthor[]): string {
  return authors.map((a) => ("literal" in a ? a.literal : a.given ? `${a.family}, ${a.given}` : a.family)).join("; ");
}

/** Parses "Family, Given" per line (or ";"-separated); a line without a comma is an organisation. */
export function parseAuthors(text: string): TAuthor[] {
  return text
    .split(/\n|;/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const comma = line.indexOf(",");
      if (comma === -1) return { literal: line };
      const given = line.slice(comma + 1).trim();
      return given ? { family: line.slice(0, comma).trim(), given } : { family: line.slice(0, comma).trim() };
    });
}
