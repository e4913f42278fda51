import { describe, expect, it } from "vitest";
import { renderExport, RENDERERS, REPORT_PARTS } from "@/lib/exports/registry";
import { fixtureReport } from "@/lib/exports/report-fixture";
import { EXPORT_FORMATS, type TReport, type TReportParts } from "@/lib/reports/schemas";
import { cslSchemaErrors } from "@/lib/testing/csl-schema";

describe("export registry", () => {
  it("renders the report in every format, each file named after it and its date", async () => {
    const report = fixtureReport();
    expect(Object.keys(RENDERERS).sort()).toEqual([...EXPORT_FORMATS].sort());
    const names: string[] = [];
    for (const format of EXPORT_FORMATS) {
      const file = await renderExport({ report, format, name: "Khojaly desk" });
      expect(file.body.length, format).toBeGreaterThan(0);
      expect(file.contentType, format).not.toBe("");
      expect(file.fileName, format).toMatch(/^khojaly-desk-2026-03-01\.[a-z0-9.]+$/);
      names.push(file.fileName);
    }
    expect(new Set(names).size).toBe(EXPORT_FORMATS.length);
  });

  it("CSL-JSON and BibTeX list the sources the report cites", async () => {
    const report = fixtureReport();
    const csl = await renderExport({ report, format: "csl", name: "x" });
    expect(csl.contentType).toBe("application/vnd.citationstyles.csl+json");
    const items = JSON.parse(String(csl.body)) as { title: string }[];
    expect(cslSchemaErrors(items)).toEqual([]);
    expect(items.map((i) => i.title)).toEqual(["Black Garden: Armenia and Azerbaijan through Peace and War", "Massacre in the Caucasus", "Report on Massive Human Rights Violations in Khojaly"]);
    const bib = await renderExport({ report, format: "bibtex", name: "x" });
    expect(bib.contentType).toBe("application/x-bibtex; charset=utf-8");
    expect(String(bib.body)).toContain("@book{dewaal2003black,");
  });

  it("a download loads only the parts of the report its format reads: the file is the same without the others", async () => {
    const full = fixtureReport();
    const without = (report: TReport, parts: TReportParts): TReport => ({
      ...report,
      documents: report.documents.map((d) => ({
        ...d,
        text: parts.text ? d.text : null,
        annotations: d.annotations.map((a) => ({ ...a, evidence: parts.evidence ? a.evidence : [], comments: parts.comments ? a.comments : [] })),
      })),
    });
    const partial = EXPORT_FORMATS.filter((f) => Object.values(REPORT_PARTS[f]).includes(false));
    expect(partial).toEqual(expect.arrayContaining(["csv", "w3c", "claimreview", "csl", "bibtex"]));
    for (const format of partial) {
      const complete = await renderExport({ report: full, format, name: "x" });
      const reduced = await renderExport({ report: without(full, REPORT_PARTS[format]), format, name: "x" });
      expect(String(reduced.body), format).toBe(String(complete.body));
    }
  });
});
