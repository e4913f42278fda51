import { describe, expect, it } from "vitest";
import { testSource } from "@/lib/testing/sources";
import { shortTitle, sourceLabel } from "./label";

describe("sourceLabel", () => {
  it("names a news article by its outlet, date and headline", () => {
    const article = testSource({ kind: "NEWS_ARTICLE", title: "Massacre uncovered", containerTitle: "The Sunday Times", issued: "1992-03-01", authors: [{ family: "Colvin", given: "Marie" }] });
    expect(sourceLabel(article)).toBe("The Sunday Times · 1 March 1992 · Massacre uncovered");
  });

  it("falls back on the publisher when an article has no container title", () => {
    expect(sourceLabel(testSource({ kind: "NEWS_ARTICLE", title: "Report", publisher: "Reuters", issued: "1992-03" }))).toBe("Reuters · March 1992 · Report");
  });

  it("names a book by its authors' family names, year and short title", () => {
    const book = testSource({ kind: "BOOK", title: "Black Garden: Armenia and Azerbaijan through Peace and War", authors: [{ family: "de Waal", given: "Thomas" }], issued: "2003" });
    expect(sourceLabel(book)).toBe("de Waal · 2003 · Black Garden");
    expect(sourceLabel({ ...book, authors: [{ family: "A" }, { family: "B" }, { literal: "C" }] })).toBe("A et al. · 2003 · Black Garden");
  });

  it("names a legal act by its issuing body and its title with the number, without repeating the body", () => {
    const act = testSource({ kind: "LEGAL_DOCUMENT", title: "Resolution 822 (1993)", authors: [{ literal: "UN Security Council" }], issued: "1993-04-30" });
    expect(sourceLabel(act)).toBe("UN Security Council · Resolution 822 (1993)");
    expect(sourceLabel({ ...act, title: "UN Security Council resolution 853" })).toBe("UN Security Council resolution 853 · 1993");
  });

  it("names a report by its organisation, an interview by the speaker, a website by the site", () => {
    expect(sourceLabel(testSource({ kind: "REPORT", title: "Bloody Days", authors: [{ literal: "Memorial" }], issued: "1992" }))).toBe("Memorial · 1992 · Bloody Days");
    expect(sourceLabel(testSource({ kind: "INTERVIEW_OR_STATEMENT", title: "On Khojaly", authors: [{ family: "Mutalibov" }], issued: "1992-04-02" }))).toBe("Mutalibov · 2 April 1992 · On Khojaly");
    expect(sourceLabel(testSource({ kind: "WEBSITE", title: "Khojaly", containerTitle: "Justice for Khojaly" }))).toBe("Justice for Khojaly · Khojaly");
  });

  it("never repeats a part and shows a bare title when that is all there is", () => {
    expect(sourceLabel(testSource({ kind: "WEBSITE", title: "Le Monde", containerTitle: "Le Monde" }))).toBe("Le Monde");
    expect(sourceLabel(testSource({ kind: "OTHER", title: "Leaflet" }))).toBe("Leaflet");
  });
});

describe("shortTitle", () => {
  it("cuts a long title at a word", () => {
    const short = shortTitle("The Chronicle of a Tragedy That Was Foretold by Many and Witnessed by Everyone in the Town");
    expect(short.length).toBeLessThanOrEqual(61);
    expect(short).toMatch(/^The Chronicle of a Tragedy .*\w…$/);
  });
});
