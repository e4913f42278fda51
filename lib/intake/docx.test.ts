import { describe, expect, it } from "vitest";
import { corruptZip, docxFromParagraphs, paragraphsOf, corpusText, CORPUS_FILES } from "@/e2e/fixtures/intake-fixtures";
import { trackedChanges } from "./docx";
import { extractDocument } from "./extract";
import { IntakeError } from "./types";

describe("extracting a Word file", () => {
  it("makes lines of headings, paragraphs and list items; keeps insertions, drops deletions and counts both", async () => {
    const docx = await docxFromParagraphs(
      [
        { runs: ["Khojaly, 26 February 1992"], style: "Heading1" },
        { runs: ["According to Memorial, ", { insert: "at least " }, "200 civilians were killed", { delete: " in one night" }, "."] },
        { runs: ["Sources"], style: "Heading2" },
        { runs: ["Memorial Human Rights Centre"], list: "bullet" },
        { runs: ["Human Rights Watch, ", { delete: "1993" }, { insert: "1992" }], list: "bullet" },
        "The text of the report follows.",
      ],
      { insertions: [" (revised)"], deletions: [" DRAFT"] },
    );
    const result = await extractDocument({ bytes: docx, fileName: "report.docx" });
    expect(result.text).toBe(
      [
        "Khojaly, 26 February 1992",
        "According to Memorial, at least 200 civilians were killed.",
        "Sources",
        "Memorial Human Rights Centre",
        "Human Rights Watch, 1992",
        "The text of the report follows. (revised)",
      ].join("\n"),
    );
    expect(result.stats).toMatchObject({ trackedInsertions: 3, trackedDeletions: 3 });
    expect(result.warnings).toEqual([{ code: "tracked-changes", message: "3 tracked insertions kept, 3 deletions dropped", count: 6 }]);
    expect(result).toMatchObject({ format: "docx", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    // No core title: the first heading names the document.
    expect(result.title).toBe("Khojaly, 26 February 1992");
  });

  it("takes title, authors, date and language from docProps/core.xml", async () => {
    const docx = await docxFromParagraphs(paragraphsOf(corpusText(CORPUS_FILES.summary)), {
      core: { title: "Khojaly: the city and the assault", creator: "Jane Roe; John Doe", created: "1992-03-16T08:00:00Z", modified: "2025-01-01T00:00:00Z", language: "en-GB" },
    });
    const result = await extractDocument({ bytes: docx, fileName: "summary.docx" });
    expect(result.title).toBe("Khojaly: the city and the assault");
    expect(result.metadata).toEqual({ authors: ["Jane Roe", "John Doe"], publisher: null, datePublished: "1992-03-16T08:00:00Z", url: null, language: "en-GB" });
    expect(result.text.split("\n")).toEqual(paragraphsOf(corpusText(CORPUS_FILES.summary)));
    expect(result.warnings).toEqual([]);
  });

  it("uses the modified date without a created one, and the file name without title or heading", async () => {
    const result = await extractDocument({ bytes: await docxFromParagraphs(["Plain text."], { core: { modified: "2024-05-01T12:00:00Z" } }), fileName: "field_notes-1992.docx" });
    expect(result.metadata.datePublished).toBe("2024-05-01T12:00:00Z");
    expect(result.title).toBe("field notes 1992");
  });

  it("refuses a damaged archive with the reason", async () => {
    const error = await extractDocument({ bytes: corruptZip(), fileName: "report.docx" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ status: 422, code: "damaged" });
    expect((error as Error).message).toMatch(/^The Word file is damaged: \S/);
  });
});

describe("trackedChanges", () => {
  it("counts only changes that carry text, not marks on paragraph marks or formatting", () => {
    const xml = `<w:p><w:pPr><w:rPr><w:ins w:id="1" w:author="a"/><w:del w:id="2" w:author="a"/></w:rPr></w:pPr>
      <w:ins w:id="3" w:author="a"><w:r><w:t>new</w:t></w:r></w:ins>
      <w:del w:id="4" w:author="a"><w:r><w:delText>old</w:delText></w:r></w:del>
      <w:moveFrom w:id="5"><w:r><w:t>moved</w:t></w:r></w:moveFrom><w:moveTo w:id="6"><w:r><w:t>moved</w:t></w:r></w:moveTo>
      <w:r><w:instrText>PAGE</w:instrText></w:r></w:p>`;
    expect(trackedChanges(xml)).toEqual({ insertions: 2, deletions: 2 });
  });
});
