import { describe, expect, it } from "vitest";
import { detectAnnotationFormat, ImportParseError, parseAnnotationImport, parseJson, statusFromText } from "./parse";

const W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** One annotation in the shape our W3C export writes. */
function w3cAnnotation(overrides: Record<string, unknown> = {}) {
  return {
    "@context": W3C_CONTEXT,
    id: "https://provenant.example/api/v1/annotations/a1",
    type: "Annotation",
    created: "2026-01-01T00:00:00.000Z",
    modified: "2026-01-02T00:00:00.000Z",
    creator: { type: "Person", name: "Rena" },
    target: {
      source: "https://provenant.example/documents/d1",
      selector: [
        { type: "TextQuoteSelector", exact: "613 killed", prefix: "Memorial reported ", suffix: " in Khojaly." },
        { type: "TextPositionSelector", start: 18, end: 28 },
      ],
    },
    body: [
      { type: "SpecificResource", purpose: "linking", id: "https://memo.ru/en/khojaly" },
      { type: "TextualBody", purpose: "tagging", value: "Memorial Human Rights Centre, Report on Khojaly (1992)" },
      { type: "TextualBody", purpose: "assessing", value: "Partly verified" },
      { type: "TextualBody", purpose: "commenting", value: "The report gives 613 by name." },
    ],
    ...overrides,
  };
}

const parse = (value: unknown, format: "w3c" | "hypothesis" = "w3c") => parseAnnotationImport(JSON.stringify(value), format);

describe("W3C Web Annotation", () => {
  it("reads our export's annotation: quote, context, position, source, status, note", () => {
    const { items } = parse(w3cAnnotation());
    expect(items).toEqual([
      {
        index: 0,
        problem: null,
        exact: "613 killed",
        prefix: "Memorial reported ",
        suffix: " in Khojaly.",
        start: 18,
        end: 28,
        positionUnit: "code-points",
        source: { url: "https://memo.ru/en/khojaly", citation: "Memorial Human Rights Centre, Report on Khojaly (1992)" },
        status: "PARTLY_VERIFIED",
        note: "The report gives 613 by name.",
        originId: "a1",
      },
    ]);
  });

  it("reads an AnnotationCollection with embedded pages, an AnnotationPage and a plain list", () => {
    const a = w3cAnnotation();
    const b = w3cAnnotation({ body: [] });
    const collection = { "@context": W3C_CONTEXT, type: "AnnotationCollection", total: 3, first: { type: "AnnotationPage", items: [a, b], next: { type: "AnnotationPage", items: [a] } } };
    expect(parse(collection).items.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(parse({ type: "AnnotationPage", items: [a, b] }).items).toHaveLength(2);
    expect(parse([a, b, a]).items).toHaveLength(3);
  });

  it("takes a single selector object, and our machine status value", () => {
    const { items } = parse(
      w3cAnnotation({
        target: { source: "x", selector: { type: "TextQuoteSelector", exact: "Khojaly" } },
        body: { type: "TextualBody", purpose: "assessing", value: "SOURCE_NOT_FOUND" },
      }),
    );
    expect(items[0]).toMatchObject({ exact: "Khojaly", prefix: "", suffix: "", start: null, end: null, status: "SOURCE_NOT_FOUND", source: null, problem: null });
  });

  it("reads our machine value in a classifying body, and the source's page here as its link", () => {
    const { items } = parse(
      w3cAnnotation({
        id: "https://elsewhere.example/annotations/9",
        body: [
          { type: "SpecificResource", purpose: "linking", source: "https://provenant.example/sources/s1" },
          { type: "TextualBody", purpose: "tagging", value: "de Waal, Black Garden" },
          { type: "TextualBody", purpose: "assessing", value: "Vérifié", language: "fr" },
          { type: "TextualBody", purpose: "classifying", value: "VERIFIED" },
        ],
      }),
    );
    expect(items[0]).toMatchObject({ status: "VERIFIED", note: "", originId: null, source: { url: "https://provenant.example/sources/s1", citation: "de Waal, Black Garden" } });
  });

  it("finds the machine value beside a label it does not know, and keeps an unknown status in the note", () => {
    const known = parse(w3cAnnotation({ body: [{ type: "TextualBody", purpose: "assessing", value: "Vérifié", "provenant:status": "VERIFIED" }] }));
    expect(known.items[0].status).toBe("VERIFIED");
    const unknown = parse(w3cAnnotation({ body: [{ type: "TextualBody", purpose: "assessing", value: "Disputed" }] }));
    expect(unknown.items[0]).toMatchObject({ status: null, note: "Status in the file: “Disputed”" });
  });

  it("gives a reason for a RangeSelector, a position without a quote, or no selector at all", () => {
    const range = parse(w3cAnnotation({ target: { source: "x", selector: { type: "RangeSelector", startSelector: {}, endSelector: {} } } }));
    expect(range.items[0].problem).toBe("RangeSelector is not supported: a TextQuoteSelector is needed");
    const position = parse(w3cAnnotation({ target: { source: "x", selector: { type: "TextPositionSelector", start: 1, end: 4 } } }));
    expect(position.items[0]).toMatchObject({ problem: "It has only a TextPositionSelector: without the quote its place cannot be checked", start: 1, end: 4 });
    const whole = parse(w3cAnnotation({ target: "https://example.org/page" }));
    expect(whole.items[0].problem).toBe("Its target has no selector: it is about the whole page, not a passage");
    // With a quote beside it, a RangeSelector is simply not needed.
    const both = parse(w3cAnnotation({ target: { source: "x", selector: [{ type: "RangeSelector" }, { type: "TextQuoteSelector", exact: "613" }] } }));
    expect(both.items[0]).toMatchObject({ problem: null, exact: "613" });
  });

  it("names the field of an unreadable item and keeps reading the others", () => {
    const { items } = parse([
      w3cAnnotation({ target: { source: "x", selector: [{ type: "TextQuoteSelector", exact: 613 }] } }),
      { type: "Annotation", body: [] },
      "not an annotation",
      w3cAnnotation(),
    ]);
    expect(items.map((i) => i.problem)).toEqual(["target.selector.0.exact: exact must be text", "target: An annotation needs a target", expect.any(String), null]);
  });

  it("passes over a broken position (only a hint) and reads the quote", () => {
    const { items } = parse(w3cAnnotation({ target: { source: "x", selector: [{ type: "TextPositionSelector", start: -1, end: "x" }, { type: "TextQuoteSelector", exact: "613" }] } }));
    expect(items[0]).toMatchObject({ problem: null, exact: "613", start: null, end: null });
  });

  it("refuses a file of no known shape, and an empty one", () => {
    expect(() => parse({ hello: "world" })).toThrow(ImportParseError);
    expect(() => parse({ type: "AnnotationCollection", first: "https://example.org/page1" })).toThrow(/pages are not in the file/);
    expect(() => parse([])).toThrow("The file holds no annotations");
  });
});

describe("Hypothesis API JSON", () => {
  const row = {
    id: "h1",
    created: "2026-01-01T00:00:00.000000+00:00",
    updated: "2026-01-01T00:00:00.000000+00:00",
    user: "acct:rena@hypothes.is",
    uri: "https://example.org/khojaly",
    text: "Check against the Memorial report.",
    tags: ["verified", "khojaly", "casualties"],
    group: "__world__",
    target: [
      {
        source: "https://example.org/khojaly",
        selector: [
          { type: "RangeSelector", startContainer: "/p[1]", startOffset: 0, endContainer: "/p[1]", endOffset: 10 },
          { type: "TextPositionSelector", start: 20, end: 30 },
          { type: "TextQuoteSelector", exact: "613 killed", prefix: "reported ", suffix: " in" },
        ],
      },
    ],
    document: { title: ["Khojaly"] },
  };

  it("reads a search result's rows: quote, UTF-16 position, text as note, a status tag, the other tags in the note", () => {
    const { items } = parse({ total: 1, rows: [row] }, "hypothesis");
    expect(items).toEqual([
      {
        index: 0,
        problem: null,
        exact: "613 killed",
        prefix: "reported ",
        suffix: " in",
        start: 20,
        end: 30,
        positionUnit: "utf-16",
        source: null,
        status: "VERIFIED",
        note: "Check against the Memorial report.\n\nTags: khojaly, casualties",
        originId: null,
      },
    ]);
  });

  it("reads a single annotation and a list; page notes and replies get a reason", () => {
    expect(parse(row, "hypothesis").items).toHaveLength(1);
    const { items } = parse([row, { ...row, target: [{ source: "https://example.org/khojaly" }] }, { ...row, target: [{ source: "x" }], references: ["h1"] }], "hypothesis");
    expect(items.map((i) => i.problem)).toEqual([null, "A page note: it is about the whole page, not a passage", "A reply to another annotation, not a passage of the text"]);
  });

  it("names the field when tags are not a list of text", () => {
    expect(parse([{ ...row, tags: "verified" }], "hypothesis").items[0].problem).toBe("tags: tags must be a list of text");
  });
});

describe("format detection and JSON", () => {
  it("tells Hypothesis from W3C", () => {
    expect(detectAnnotationFormat({ rows: [] })).toBe("hypothesis");
    expect(detectAnnotationFormat([{ uri: "https://x", user: "acct:a@hypothes.is", target: [] }])).toBe("hypothesis");
    expect(detectAnnotationFormat(w3cAnnotation())).toBe("w3c");
    expect(detectAnnotationFormat({ type: "AnnotationCollection", first: {} })).toBe("w3c");
    expect(detectAnnotationFormat({ hello: 1 })).toBeNull();
  });

  it("says the JSON is broken, as its own kind of error", () => {
    expect(() => parseJson("{ not json")).toThrow(expect.objectContaining({ kind: "json" }));
    expect(parseJson("\uFEFF[]")).toEqual([]);
  });

  it("knows our statuses by label and by machine value, in any case", () => {
    expect(statusFromText("Partly verified")).toBe("PARTLY_VERIFIED");
    expect(statusFromText("partly_verified")).toBe("PARTLY_VERIFIED");
    expect(statusFromText("IN PROGRESS")).toBe("IN_PROGRESS");
    expect(statusFromText("checked")).toBeNull();
  });
});

describe("our own W3C export, read back", () => {
  it("takes every annotation of a paged document, whose target source describes the document and whose selectors include its page", async () => {
    const { fixtureReport } = await import("@/lib/exports/report-fixture");
    const { renderW3c } = await import("@/lib/exports/w3c");
    const report = fixtureReport();
    const file = await renderW3c(report);
    const { items } = parseAnnotationImport(String(file.body), "w3c");
    const exported = report.documents.flatMap((d) => d.annotations);
    expect(items).toHaveLength(exported.length);
    expect(items.every((item) => item.problem === null)).toBe(true);
    expect(items.map((item) => item.exact)).toEqual(exported.map((a) => a.exact));
    // The paged document's targets carry an object source and a FragmentSelector; both read without a problem.
    type TItem = { target: { source: unknown; selector: { type: string; value?: string }[] } };
    const annotations = JSON.parse(String(file.body)).first.items as TItem[];
    const paged = annotations.filter((a) => a.target.selector.some((s) => s.type === "FragmentSelector"));
    expect(paged.length).toBeGreaterThan(0);
    for (const a of paged) {
      expect(typeof a.target.source).toBe("object");
      expect(a.target.selector.find((s) => s.type === "FragmentSelector")?.value).toMatch(/^page=\d+$/);
    }
  });
});
