import { describe, expect, it } from "vitest";
import { cpLength } from "@/lib/anchoring/code-points";
import { CORPUS, readCorpusText } from "@/prisma/demo";
import { markedText } from "./html";
import { renderPdf } from "./render-pdf";
import { testReport } from "./test-report";

const COMPILATION = CORPUS[3];
const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;

describe("reports of a hard-wrapped text", () => {
  const text = readCorpusText(COMPILATION.file);
  const start = cpLength(text.slice(0, text.indexOf("December \n\n9, 1948")));
  const spans = [{ start, end: start + 18, status: "VERIFIED" as const }];

  it("the compilation's PDF reads as paragraphs, on little more than half the 107 pages its wrapped lines took", async () => {
    const pdf = await renderPdf(testReport({ documents: [{ title: COMPILATION.title, text, spans }] }));
    const pages = pageCount(pdf.body);
    console.log(`The compilation's PDF report, text included: ${pages} pages`);
    expect(pages).toBeLessThanOrEqual(60);
  });

  it("the HTML shows the joined lines as one paragraph, a span across a joined break whole, and keeps list items apart", () => {
    const report = testReport({ documents: [{ title: COMPILATION.title, text, spans }] });
    const html = markedText(report.documents[0], 0);
    expect(html).toMatch(/^<div class="rp-text rp-reflowed">/);
    expect(html).toContain("Convention on the Prevention and Punishment of the Crime");
    expect(html).toContain('<mark class="status-verified">December   9, 1948</mark>');
    expect(html).toContain("as such:  \n\n- killing members of the group;  \n\n- causing");
  });

  it("leaves a text that is not hard-wrapped as it is", () => {
    const campaign = readCorpusText(CORPUS[0].file);
    const html = markedText(testReport({ documents: [{ title: CORPUS[0].title, text: campaign, spans: [] }] }).documents[0], 0);
    expect(html).toMatch(/^<div class="rp-text">/);
  });
});
