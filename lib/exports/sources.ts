/** CSL-JSON and BibTeX of the sources a report cites, written as the source registry's export writes them. */
import { citedSources } from "@/lib/exports/cited-sources";
import type { TRenderer } from "@/lib/exports/types";
import { EXPORT_CONTENT_TYPES } from "@/lib/sources/export";
import { exportSources } from "@/lib/sources/interchange";

export const renderCsl: TRenderer = async (report) => ({
  body: exportSources(citedSources(report), "csl-json"),
  contentType: EXPORT_CONTENT_TYPES["csl-json"],
  extension: "csl.json",
});

export const renderBibtex: TRenderer = async (report) => ({
  body: exportSources(citedSources(report), "bibtex"),
  contentType: EXPORT_CONTENT_TYPES.bibtex,
  extension: "bib",
});
