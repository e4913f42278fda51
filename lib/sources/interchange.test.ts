import { testSource } from "@/lib/testing/sources";
import { describe, expect, it } from "vitest";
import { cslSchemaErrors } from "@/lib/testing/csl-schema";
import { exportSources, InterchangeError, parseSources } from "./interchange";
import { buildMatchIndex, findMatch, normaliseDoi, normaliseIsbn, normaliseUrl } from "./match-keys";
import type { TInlineSource, TSource } from "./schemas";

const BIB = String.raw`
@book{dewaal2003,
  author    = {de Waal, Thomas},
  title     = {Black Garden: Armenia and Azerbaijan through Peace and War},
  publisher = {NYU Press},
  address   = {New York},
  year      = {2003},
  isbn      = {0-8147-1945-7},
  pages     = {169--172}
}
@techreport{memorial1992,
  author      = {{Memorial Human Rights Centre}},
  title       = {Report on Massive Human Rights Violations Committed During the Seizure of Khojaly},
  institution = {Memorial},
  year        = {1992},
  url         = {https://www.memo.ru/hr/hotpoints/karabah/Hojaly/Index.htm}
}
@article{newsweek1992,
  author  = {Goltz, Thomas},
  title   = {Massacre in the Caucasus},
  journal = {Newsweek},
  date    = {1992-03-16},
  doi     = {10.1000/NEWSWEEK.1992.0316}
}
`;

function stored(fields: Partial<TInlineSource> & Pick<TInlineSource, "title">): TSource {
  return testSource(fields);
}

describe("parseSources", () => {
  it("reads BibTeX into source fields", () => {
    const { entries, problems } = parseSources(BIB, "bibtex");
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      kind: "BOOK",
      authors: [{ family: "de Waal", given: "Thomas" }],
      publisher: "NYU Press",
      publisherPlace: "New York",
      issued: "2003",
      isbn: "0-8147-1945-7",
      page: "169-172",
    });
    expect(entries[1]).toMatchObject({ kind: "REPORT", authors: [{ literal: "Memorial Human Rights Centre" }] });
    expect(entries[2]).toMatchObject({ kind: "MAGAZINE_ARTICLE", containerTitle: "Newsweek", issued: "1992-03-16", doi: "10.1000/NEWSWEEK.1992.0316" });
  });

  it("leaves out entries that make no valid source and says why", () => {
    const { entries, problems } = parseSources('[{"id":"a","type":"book"},{"id":"b","type":"webpage","title":"Ok","URL":"www.no-scheme.org"},{"id":"c","type":"book","title":"Fine"}]', "csl-json");
    expect(entries.map((e) => e.title)).toEqual(["Fine"]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Entry 1 “a” was left out \(title: /);
    expect(problems[1]).toMatch(/^Entry 2 “Ok” was left out \(url: /);
  });

  it("throws the parser's message for a file it cannot read", () => {
    expect(() => parseSources("@book{x, title={", "bibtex")).toThrow(InterchangeError);
    expect(() => parseSources("@book{x, title={", "bibtex")).toThrow(/BibTeX.*EOF/s);
    expect(() => parseSources("{not json", "csl-json")).toThrow(/not valid JSON/);
    expect(() => parseSources("[1, 2]", "csl-json")).toThrow(/list of objects/);
  });

  it("reports an empty file", () => {
    expect(parseSources("", "bibtex")).toEqual({ entries: [], problems: ["The file holds no entries"] });
    expect(parseSources("[]", "csl-json").problems).toEqual(["The file holds no entries"]);
  });
});

describe("matching", () => {
  it("normalises identifiers", () => {
    expect(normaliseDoi("https://doi.org/10.1000/ABC")).toBe("10.1000/abc");
    expect(normaliseDoi("doi: 10.1000/abc")).toBe("10.1000/abc");
    expect(normaliseIsbn("0-8147-1945-7")).toBe(normaliseIsbn("978-0-8147-1945-9"));
    expect(normaliseIsbn("080442957x")).toBe("9780804429573");
    expect(normaliseUrl("HTTPS://WWW.Memo.ru/hr/")).toBe("memo.ru/hr");
    expect(normaliseUrl("not a url")).toBe("");
  });

  it("finds 2 new entries and 1 match by DOI in a BibTeX file of 3", () => {
    const existing = [stored({ title: "Newsweek on Khojaly", doi: "https://doi.org/10.1000/newsweek.1992.0316" }), stored({ title: "Le Monde", issued: "1992" })];
    const index = buildMatchIndex(existing);
    const results = parseSources(BIB, "bibtex").entries.map((entry) => findMatch(entry, index));
    expect(results.filter((r) => r === null)).toHaveLength(2);
    expect(results[2]).toEqual({ record: existing[0], by: "doi" });
  });

  it("matches by ISBN, URL, then title and year (aliases included)", () => {
    const index = buildMatchIndex([
      stored({ title: "Another title", isbn: "9780814719459" }),
      stored({ title: "Memorial", url: "http://memo.ru/hr/hotpoints/karabah/Hojaly/Index.htm/" }),
      stored({ title: "Chernyi sad", aliases: ["Black Garden"], issued: "2003-01" }),
    ]);
    const [book, report] = parseSources(BIB, "bibtex").entries;
    expect(findMatch(book, index)?.by).toBe("isbn");
    expect(findMatch(report, index)?.by).toBe("url");
    expect(findMatch({ title: "BLACK  garden", issued: "2003", doi: "", isbn: "", url: "" }, index)?.by).toBe("title+year");
    expect(findMatch({ title: "Black Garden", issued: "2004", doi: "", isbn: "", url: "" }, index)).toBeNull();
  });
});

describe("exportSources", () => {
  const sources = [
    stored({ kind: "BOOK", title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }], issued: "2003", publisher: "NYU Press", isbn: "0-8147-1945-7", aliases: ["Black Garden: Armenia and Azerbaijan"], archivedUrl: "https://web.archive.org/x" }),
    stored({ kind: "NEWS_ARTICLE", title: "Massacre in the Caucasus", containerTitle: "Newsweek", issued: "1992-03-16" }),
    stored({ kind: "REPORT", title: "Report", authors: [{ literal: "Memorial Human Rights Centre" }], language: "ru", url: "https://memo.ru/x" }),
    stored({ kind: "WEBSITE", title: "Untitled page" }),
  ];

  it("writes CSL-JSON the schema accepts, which re-imports unchanged and matches every source", () => {
    const json = exportSources(sources, "csl-json");
    expect(cslSchemaErrors(JSON.parse(json))).toEqual([]);
    const { entries, problems } = parseSources(json, "csl-json");
    expect(problems).toEqual([]);
    entries.forEach((entry, i) => {
      expect({ ...sources[i], ...entry }).toEqual(sources[i]);
      expect(Object.keys(entry)).toHaveLength(14);
    });
    const index = buildMatchIndex(sources);
    expect(entries.map((e) => findMatch(e, index)?.record.id)).toEqual(sources.map((s) => s.id));
  });

  it("writes BibTeX with unique readable keys that re-imports and matches", () => {
    const bib = exportSources([...sources, sources[0]], "bibtex");
    expect(bib).toContain("@book{dewaal2003black,");
    expect(bib).toContain("@book{dewaal2003black_2,");
    expect(bib).toContain("author = {{Memorial Human Rights Centre}}");
    const { entries } = parseSources(bib, "bibtex");
    const index = buildMatchIndex(sources);
    expect(entries.map((e) => findMatch(e, index)?.record.id)).toEqual([...sources, sources[0]].map((s) => s.id));
    expect(entries[2].authors).toEqual([{ literal: "Memorial Human Rights Centre" }]);
  });
});
