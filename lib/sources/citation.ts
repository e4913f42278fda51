/**
 * Formatted citations through citation-js (citeproc-js underneath), from the source's CSL-JSON
 * item. @citation-js/plugin-csl bundles APA but no Chicago style, and no npm package but
 * rehype-citation ships the official Chicago author-date CSL file: it is a dependency only for
 * that one module (the bundler takes nothing else of the package).
 */
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-csl";
// The Chicago Manual of Style 17th edition (author-date) CSL file, as a 16 KB string module.
import chicagoStyle from "rehype-citation/node/styles/chicago.js";
import { toCslItem } from "@/lib/sources/csl";
import type { TSource } from "@/lib/sources/schemas";

export const CITATION_STYLES = ["chicago-author-date", "apa"] as const;
export type TCitationStyle = (typeof CITATION_STYLES)[number];

export const CITATION_STYLE_LABELS: Record<TCitationStyle, string> = {
  "chicago-author-date": "Chicago (author-date)",
  apa: "APA",
};

let chicagoRegistered = false;

/** Registers Chicago author-date with citation-js once per process. */
function registerChicago() {
  if (chicagoRegistered) return;
  plugins.config.get("@csl").styles.add("chicago-author-date", chicagoStyle);
  chicagoRegistered = true;
}

/**
 * A source as a bibliography entry in plain text ("de Waal, T. (2003). Black Garden. NYU
 * Press."). Plain text rather than citeproc's HTML, so nothing from a source's fields is ever
 * rendered as markup.
 */
export async function formatCitation(source: TSource, style: TCitationStyle): Promise<string> {
  if (style === "chicago-author-date") registerChicago();
  const cite = new Cite([toCslItem(source)]);
  const text: string = cite.format("bibliography", { format: "text", style, lang: "en-US" });
  return text.trim();
}
