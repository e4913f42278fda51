import { testSource } from "@/lib/testing/sources";
import { describe, expect, it } from "vitest";
import type { TSource } from "./schemas";
import { formatCitation } from "./citation";

const base: TSource = testSource({
  id: "s1",
  workspaceId: "w",
  kind: "BOOK",
  title: "Black Garden",
  authors: [{ family: "de Waal", given: "Thomas" }],
  publisher: "NYU Press",
  issued: "2003",
  aliases: ["Black Garden: Armenia and Azerbaijan through Peace and War"],
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

describe("formatCitation", () => {
  it("formats Black Garden in APA", async () => {
    expect(await formatCitation(base, "apa")).toBe("de Waal, T. (2003). Black Garden. NYU Press.");
  });

  it("formats an organisation's report with a month and a URL, and leaves aliases out", async () => {
    const report: TSource = {
      ...base,
      kind: "REPORT",
      title: "Massacre in Khojaly",
      authors: [{ literal: "Memorial Human Rights Centre" }],
      publisher: "",
      issued: "1992-03",
      url: "https://example.org/khojaly",
    };
    const apa = await formatCitation(report, "apa");
    expect(apa).toBe("Memorial Human Rights Centre. (1992). Massacre in Khojaly. https://example.org/khojaly");
    expect(apa).not.toContain("Armenia");
  });

  it("formats Black Garden in Chicago author-date, from the official CSL style", async () => {
    expect(await formatCitation(base, "chicago-author-date")).toBe("Waal, Thomas de. 2003. Black Garden. NYU Press.");
  });
});
