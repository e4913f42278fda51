import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, renderCsv } from "@/lib/exports/csv";
import { fixtureReport } from "@/lib/exports/report-fixture";

async function csv() {
  const file = await renderCsv(fixtureReport());
  const bytes = Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body);
  return { file, bytes, text: bytes.toString("utf8") };
}

describe("CSV export", () => {
  it("is UTF-8 with a byte-order mark and CRLF rows, served as text/csv", async () => {
    const { file, bytes, text } = await csv();
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.extension).toBe("csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split("\r\n")[0]).toBe("\uFEFFDocument,Document ID,Revision,Text SHA-256,Annotation ID,Needs re-check,Start,End,Page,Placed,Quote,Source,Source title,Source outlet,Source authors,Source kind,Source date,Source URL,Locator,Attribution in the text,Status,Evidence count,Assignee,Verdict by,Signed off by,Sign-off,Created,Updated,Note");
    expect(text.replace(/\r\n/g, "").includes("\n")).toBe(true); // the multi-line note keeps its LF inside quotes
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("has one row per annotation that parses back to the same values, Cyrillic and quotes included", async () => {
    const { text } = await csv();
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0])).toEqual(CSV_COLUMNS.map(([header]) => header));
    const verified = rows.find((r) => r["Annotation ID"] === "a-verified")!;
    expect(verified).toMatchObject({
      Document: "Justice for Khojaly (campaign page)",
      Start: "0",
      End: "26",
      Quote: "Memorial reported 613 kill",
      "Source title": "Report on Massive Human Rights Violations in Khojaly",
      "Source authors": "Memorial Human Rights Centre",
      "Source kind": "Report",
      "Source date": "1992",
      "Source URL": "https://memo.example/khojaly",
      Locator: "p. 4",
      Status: "Verified",
      "Evidence count": "1",
      Assignee: "Alice Reviewer",
      "Verdict by": "Alice Reviewer",
      "Signed off by": "Bob Editor",
      "Sign-off": "Signed off",
    });
    expect(rows.find((r) => r["Annotation ID"] === "a-contradicted")!.Quote).toBe('"according to"');
    expect(rows.find((r) => r["Annotation ID"] === "a-unverified")!.Note).toBe('Says "Newsweek", not Time;\nask the desk, then decide.');
    const russian = rows.find((r) => r["Annotation ID"] === "a-ru")!;
    expect(russian).toMatchObject({ Document: "Доклад «Мемориала»", Quote: "Мемориал сообщил 😀", Locator: "с. 12", "Source authors": "de Waal, Thomas", Status: "Partly verified" });
    expect(rows.find((r) => r["Annotation ID"] === "a-orphan")).toMatchObject({ Start: "", End: "", Page: "", Placed: "No" });
  });

  it("names the source as the app does and gives the outlet and the attribution wording their own columns", async () => {
    const report = fixtureReport();
    report.documents[0].annotations.find((a) => a.id === "a-contradicted")!.attributionText = "according to Newsweek";
    const rows = parse(String((await renderCsv(report)).body), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r["Annotation ID"] === "a-contradicted")).toMatchObject({
      Source: "Newsweek · 16 March 1992 · Massacre in the Caucasus",
      "Source title": "Massacre in the Caucasus",
      "Source outlet": "Newsweek",
      "Attribution in the text": "according to Newsweek",
    });
    expect(rows.find((r) => r["Annotation ID"] === "a-verified")).toMatchObject({ Source: "Memorial Human Rights Centre · 1992 · Report on Massive Human Rights Violations in Khojaly", "Source outlet": "" });
  });

  it("gives the page of each span in a paged document, apart from the locator in its source", async () => {
    const { text } = await csv();
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const page = (id: string) => rows.find((r) => r["Annotation ID"] === id)!.Page;
    // The PDF: a-ru runs from page 1 onto page 2 (an en dash, which no spreadsheet turns into a date).
    expect(rows.find((r) => r["Annotation ID"] === "a-ru")).toMatchObject({ Page: "1–2", Locator: "с. 12" });
    expect(page("a-long")).toBe("3");
    expect(page("a-progress")).toBe("3");
    // Pasted text has no pages.
    expect(page("a-verified")).toBe("");
  });

  it("escapes cells that a spreadsheet would run as formulas", async () => {
    const report = fixtureReport();
    const [a, b, c] = report.documents[0].annotations;
    a.note = "+SUM(A1)";
    b.note = "=1+1";
    c.note = "@cmd";
    report.documents[1].annotations[0].note = "-2+3";
    report.documents[1].annotations[1].note = "\t=tab";
    report.documents[1].annotations[2].note = "\r=cr";
    const file = await renderCsv(report);
    const rows = parse(String(file.body), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Note).slice(0, 6)).toEqual(["'+SUM(A1)", "'=1+1", "'@cmd", "'-2+3", "'\t=tab", "'\r=cr"]);
    // Offsets are numbers, never escaped; ordinary text is left alone.
    expect(rows[0].Start).toBe("0");
    expect(rows[0].Quote).toBe("Memorial reported 613 kill");
  });
});
