import { describe, expect, it } from "vitest";
import { foldForSearch, sourceMatches } from "./fold";

const memorial = {
  title: "Memorial Human Rights Centre report on Khojaly",
  authors: [{ literal: "Memorial Human Rights Centre" }],
  aliases: ["Memorial Human Rights Watch Center"],
  containerTitle: "",
};
const blackGarden = {
  title: "Black Garden: Armenia and Azerbaijan through Peace and War",
  authors: [{ family: "de Waal", given: "Thomas" }],
  aliases: [],
  containerTitle: "",
};
const leMonde = { title: "Le Monde", authors: [], aliases: ["Le Mond"], containerTitle: "" };
const article = { title: "Massacre in the Caucasus", authors: [], aliases: [], containerTitle: "Newsweek" };

describe("foldForSearch", () => {
  it("lowercases and strips accents", () => {
    expect(foldForSearch("Ça Café ÉTÉ")).toBe("ca cafe ete");
    expect(foldForSearch("Xocalı")).toBe("xocali");
  });

  it("maps Cyrillic and Greek look-alikes to Latin", () => {
    // "Меmorial" as OCR'd: Cyrillic М (U+041C) and е (U+0435).
    const ocr = "\u041C\u0435morial";
    expect(ocr).not.toBe("Memorial");
    expect(foldForSearch(ocr)).toBe("memorial");
    expect(foldForSearch("Нuman Rіghts")).toBe("human rights"); // Cyrillic Н, і
    expect(foldForSearch("ТОКУО РАСЕ ХХ")).toBe("tokyo pace xx"); // all Cyrillic capitals
    expect(foldForSearch("ΚΟΜΙΤΕ")).toBe("komite"); // Greek capitals
    expect(foldForSearch("ѕојуј")).toBe("sojyj");
  });

  it("collapses punctuation and spacing, including non-breaking spaces", () => {
    expect(foldForSearch("  de\u00a0Waal,   Thomas. ")).toBe("de waal thomas");
    expect(foldForSearch("“Le Monde”—1992")).toBe("le monde 1992");
    expect(foldForSearch("")).toBe("");
  });
});

describe("sourceMatches", () => {
  it("finds Memorial through an OCR'd title with Cyrillic letters", () => {
    expect(sourceMatches(memorial, "\u041C\u0435morial")).toBe(true);
    expect(sourceMatches(memorial, "memorial human rights watch")).toBe(true); // the alias
  });

  it("finds a source by its alias, and by a wording that contains the alias", () => {
    expect(sourceMatches(leMonde, "le mond")).toBe(true);
    expect(sourceMatches({ ...leMonde, title: "Newspaper of record" }, "Le Mond")).toBe(true);
    expect(sourceMatches({ ...leMonde, title: "Newspaper of record" }, "Le Monde")).toBe(true);
  });

  it("finds a book by its author in either order", () => {
    expect(sourceMatches(blackGarden, "de Waal")).toBe(true);
    expect(sourceMatches(blackGarden, "Thomas de Waal")).toBe(true);
    expect(sourceMatches(blackGarden, "Waal, T")).toBe(true);
  });

  it("finds an article by the periodical it appeared in", () => {
    expect(sourceMatches(article, "newsweek")).toBe(true);
    expect(sourceMatches(article, "Newsweek, 16 March 1992")).toBe(true);
  });

  it("does not match unrelated queries, and an empty query matches everything", () => {
    expect(sourceMatches(blackGarden, "Memorial")).toBe(false);
    expect(sourceMatches(memorial, "Le Monde")).toBe(false);
    // An author's name is not looked for inside the query: short names would match too much.
    expect(sourceMatches(blackGarden, "Frans de Waal Institute")).toBe(false);
    expect(sourceMatches(article, "   ")).toBe(true);
  });
});
