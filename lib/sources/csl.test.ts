import { describe, expect, it } from "vitest";
import { cslSchemaErrors } from "@/lib/testing/csl-schema";
import { cslTypeToSourceKind, fromCslItem, sourceKindToCslType, toCslItem } from "./csl";
import { SOURCE_KINDS, ZInlineSource, type TSource } from "./schemas";

function source(overrides: Partial<TSource> = {}): TSource {
  return {
    id: "src_black_garden",
    workspaceId: "ws1",
    kind: "BOOK",
    title: "Black Garden: Armenia and Azerbaijan through Peace and War",
    authors: [{ family: "de Waal", given: "Thomas" }, { literal: "Memorial Human Rights Centre" }, { family: "Solo" }],
    containerTitle: "Caucasus Studies",
    publisher: "NYU Press",
    publisherPlace: "New York",
    issued: "2003-03-09",
    page: "169-172",
    isbn: "978-0-8147-1945-9",
    doi: "10.18574/nyu/9780814770825.001.0001",
    url: "https://nyupress.org/black-garden",
    archivedUrl: "https://web.archive.org/web/2004/https://nyupress.org/black-garden",
    language: "en",
    aliases: ["Black Garden", "Чёрный сад"],
    version: 3,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-02T00:00:00.000Z",
    ...overrides,
  };
}

/** The fields a source is made of, without its identity and bookkeeping. */
function fieldsOf(s: TSource) {
  const fields: Partial<TSource> = { ...s };
  for (const key of ["id", "workspaceId", "version", "createdAt", "updatedAt"] as const) delete fields[key];
  return fields;
}

describe("kinds and CSL types", () => {
  it("maps every kind to a CSL type and back", () => {
    for (const kind of SOURCE_KINDS) expect(cslTypeToSourceKind(sourceKindToCslType(kind))).toBe(kind);
  });

  it("uses the CSL 1.0.2 names", () => {
    expect(SOURCE_KINDS.map(sourceKindToCslType)).toEqual([
      "book",
      "report",
      "article-newspaper",
      "article-magazine",
      "legislation",
      "interview",
      "speech",
      "motion_picture",
      "webpage",
      "document",
    ]);
  });

  it("falls back to the nearest kind, else OTHER", () => {
    expect(cslTypeToSourceKind("article-journal")).toBe("MAGAZINE_ARTICLE");
    expect(cslTypeToSourceKind("chapter")).toBe("BOOK");
    expect(cslTypeToSourceKind("thesis")).toBe("REPORT");
    expect(cslTypeToSourceKind("legal_case")).toBe("LEGAL_DOCUMENT");
    expect(cslTypeToSourceKind("post-weblog")).toBe("WEBSITE");
    expect(cslTypeToSourceKind("broadcast")).toBe("VIDEO");
    expect(cslTypeToSourceKind("article")).toBe("OTHER");
    expect(cslTypeToSourceKind("no-such-type")).toBe("OTHER");
    expect(cslTypeToSourceKind("constructor")).toBe("OTHER");
  });
});

describe("toCslItem / fromCslItem", () => {
  it("writes the CSL variables", () => {
    expect(toCslItem(source())).toEqual({
      id: "src_black_garden",
      type: "book",
      title: "Black Garden: Armenia and Azerbaijan through Peace and War",
      author: [{ family: "de Waal", given: "Thomas" }, { literal: "Memorial Human Rights Centre" }, { family: "Solo" }],
      "container-title": "Caucasus Studies",
      publisher: "NYU Press",
      "publisher-place": "New York",
      issued: { "date-parts": [[2003, 3, 9]] },
      page: "169-172",
      ISBN: "978-0-8147-1945-9",
      DOI: "10.18574/nyu/9780814770825.001.0001",
      URL: "https://nyupress.org/black-garden",
      language: "en",
      custom: { aliases: ["Black Garden", "Чёрный сад"], "archived-url": "https://web.archive.org/web/2004/https://nyupress.org/black-garden" },
    });
  });

  it("omits unknown fields rather than writing empty strings", () => {
    const item = toCslItem(source({ authors: [], containerTitle: "", issued: "", aliases: [], archivedUrl: "", doi: "" }));
    expect(Object.keys(item).sort()).toEqual(["ISBN", "URL", "id", "language", "page", "publisher", "publisher-place", "title", "type"]);
  });

  it.each(SOURCE_KINDS)("round-trips every field of a %s", (kind) => {
    for (const issued of ["", "1992", "1992-02", "1992-02-26"]) {
      const original = source({ kind, issued });
      const back = fromCslItem(toCslItem(original));
      expect(back).toEqual(fieldsOf(original));
      expect(ZInlineSource.parse(back)).toEqual(back);
    }
  });

  it("round-trips a minimal source", () => {
    const minimal = source({ authors: [], containerTitle: "", publisher: "", publisherPlace: "", issued: "", page: "", isbn: "", doi: "", url: "", archivedUrl: "", language: "", aliases: [] });
    expect(fromCslItem(toCslItem(minimal))).toEqual(fieldsOf(minimal));
  });

  it("exports items the CSL-JSON schema accepts", () => {
    const items = SOURCE_KINDS.map((kind, i) => toCslItem(source({ id: `s${i}`, kind, issued: ["", "1992", "1992-02", "1992-02-26"][i % 4] })));
    expect(cslSchemaErrors(items)).toEqual([]);
  });

  it("the schema check does catch a bad item", () => {
    expect(cslSchemaErrors([{ id: "x", type: "not-a-type" }])).not.toEqual([]);
  });

  it("reads particles, suffixes, organisations and other date forms", () => {
    const entry = fromCslItem({
      id: "x",
      type: "article-journal",
      title: "  Spaced  ",
      author: [
        { family: "Waal", given: "Thomas", "non-dropping-particle": "de" },
        { family: "King", given: "Martin Luther", suffix: "Jr." },
        { literal: "Human Rights Watch" },
        {},
      ],
      issued: { raw: "1992-03-16" },
      page: 12,
    });
    expect(entry.authors).toEqual([{ family: "de Waal", given: "Thomas" }, { family: "King", given: "Martin Luther, Jr." }, { literal: "Human Rights Watch" }]);
    expect(entry).toMatchObject({ kind: "MAGAZINE_ARTICLE", title: "Spaced", issued: "1992-03-16", page: "12", aliases: [] });
  });

  it("keeps the start of a date range and accepts string date parts", () => {
    expect(fromCslItem({ id: 1, type: "book", issued: { "date-parts": [["1992", "2"], [1993]] } }).issued).toBe("1992-02");
    expect(fromCslItem({ id: 1, type: "book", issued: { literal: "Spring 1992" } }).issued).toBe("");
  });
});
