/**
 * Reading and writing source lists as BibTeX and CSL-JSON (what Zotero exports), and the keys by
 * which an imported entry is recognised as a source we already have. Parsing and writing go
 * through citation-js; this module only maps and checks. Pure: no server imports.
 */
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import { fieldErrors } from "@/lib/errors";
import { fromCslItem, toCslItem, type TCslItem, type TCslName } from "@/lib/sources/csl";
import { foldForSearch } from "@/lib/sources/fold";
import type { TExportFormat, TImportFormat } from "@/lib/sources/import-schemas";
import { ZInlineSource, type TInlineSource, type TSource } from "@/lib/sources/schemas";


export type TParsed = { entries: TInlineSource[]; problems: string[] };

/** A parse failure of the whole file, with the parser's own words. */
export class InterchangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterchangeError";
  }
}

/**
 * citation-js 0.9's typings mark every input option as required though the library defaults them;
 * the cast passes just the one we set.
 */
function cite(data: unknown, forceType: "@biblatex/text" | "@csl/list+object"): Cite {
  return new Cite(data, { forceType } as ConstructorParameters<typeof Cite>[1]);
}

function cslItems(content: string, format: TImportFormat): TCslItem[] {
  if (format === "bibtex") {
    try {
      return cite(content, "@biblatex/text").format("data", { format: "object" }) as TCslItem[];
    } catch (error) {
      throw new InterchangeError(`This is not BibTeX that can be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new InterchangeError(`This is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Zotero writes an array; a single item is accepted as a list of one.
  const list = Array.isArray(data) ? data : [data];
  if (!list.every((item) => item && typeof item === "object" && !Array.isArray(item))) {
    throw new InterchangeError("CSL-JSON is a list of objects, one per item");
  }
  try {
    // citation-js upgrades older CSL-JSON variants (string dates, old variable names).
    return cite(list, "@csl/list+object").format("data", { format: "object" }) as TCslItem[];
  } catch (error) {
    throw new InterchangeError(`This CSL-JSON cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * BibTeX marks an organisation by braces ({Memorial Human Rights Centre}), which citation-js
 * reads as a family name alone; several words with no given name and no particle are taken as
 * an organisation.
 */
function organisationNames(item: TCslItem): TCslItem {
  if (!Array.isArray(item.author)) return item;
  const author = item.author.map((name: TCslName) =>
    name.family && !name.given && !name["non-dropping-particle"] && !name["dropping-particle"] && /\s/.test(name.family.trim())
      ? { literal: name.family.trim() }
      : name,
  );
  return { ...item, author };
}

function describe(item: TCslItem, position: number): string {
  const label = item.title ? `“${String(item.title).slice(0, 80)}”` : item.id !== undefined ? `“${String(item.id)}”` : "";
  return `Entry ${position}${label ? ` ${label}` : ""}`;
}

/**
 * Reads a BibTeX or CSL-JSON file into new-source fields. Entries that do not make a valid source
 * (no title, a malformed URL) are left out and described in `problems`; a file that cannot be
 * parsed at all throws InterchangeError.
 */
export function parseSources(content: string, format: TImportFormat): TParsed {
  const entries: TInlineSource[] = [];
  const problems: string[] = [];
  const items = cslItems(content, format);
  items.forEach((raw, i) => {
    const item = format === "bibtex" ? organisationNames(raw) : raw;
    const parsed = ZInlineSource.safeParse(fromCslItem(item));
    if (parsed.success) {
      entries.push(parsed.data);
      return;
    }
    const fields = Object.entries(fieldErrors(parsed.error.issues)).map(([field, message]) => `${field}: ${message}`);
    problems.push(`${describe(item, i + 1)} was left out (${fields.join("; ")})`);
  });
  if (items.length === 0) problems.push("The file holds no entries");
  return { entries, problems };
}

/** A BibTeX key from the first author, the year and the first title word, unique in the file. */
function bibtexKeys(sources: TSource[]): string[] {
  const seen = new Map<string, number>();
  return sources.map((s) => {
    const word = (text: string) => foldForSearch(text).split(" ").find((w) => /^[a-z0-9]+$/.test(w)) ?? "";
    const first = s.authors[0];
    // A family name keeps its particle ("dewaal"); an organisation gives its first word.
    const name = !first ? "" : "literal" in first ? word(first.literal) : foldForSearch(first.family).replace(/[^a-z0-9]/g, "");
    const base = `${name}${s.issued.slice(0, 4)}${word(s.title)}` || "source";
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n + 1}`;
  });
}

/**
 * Sources as CSL-JSON (every field kept; aliases and archived URL in `custom`) or BibTeX (what
 * BibTeX has fields for; language, aliases and the archived URL do not survive).
 */
export function exportSources(sources: TSource[], format: TExportFormat): string {
  const items = sources.map(toCslItem);
  if (format === "csl-json") return `${JSON.stringify(items, null, 2)}\n`;
  const keys = bibtexKeys(sources);
  const keyed = items.map((item, i) => ({ ...item, "citation-key": keys[i] }));
  return cite(keyed, "@csl/list+object").format("bibtex", { format: "text" }) as string;
}
