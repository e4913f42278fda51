import { describe, expect, it } from "vitest";
import { contentDisposition, exportFileName, slug } from "@/lib/exports/file-name";

describe("export file names", () => {
  it("slugs titles to ASCII, dated by the report", () => {
    expect(exportFileName({ name: "Justice for Khojaly (campaign page)", generatedAt: "2026-03-01T23:59:00.000Z", extension: "csv" })).toBe("justice-for-khojaly-campaign-page-2026-03-01.csv");
    expect(slug("Café “Ñandú” — déjà vu")).toBe("cafe-nandu-deja-vu");
    expect(slug("Доклад «Мемориала»")).toBe("export");
    expect(slug("a".repeat(59) + " b c")).toBe(`${"a".repeat(59)}`);
  });

  it("gives Content-Disposition an ASCII name and the UTF-8 one", () => {
    expect(contentDisposition("report-2026-03-01.csv")).toBe(`attachment; filename="report-2026-03-01.csv"; filename*=UTF-8''report-2026-03-01.csv`);
    expect(contentDisposition('Доклад "x".pdf')).toBe(`attachment; filename="______ _x_.pdf"; filename*=UTF-8''%D0%94%D0%BE%D0%BA%D0%BB%D0%B0%D0%B4%20%22x%22.pdf`);
  });
});
