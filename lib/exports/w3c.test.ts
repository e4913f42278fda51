import { describe, expect, it } from "vitest";
import { fixtureReport, LONG_QUOTE, ORIGIN } from "@/lib/exports/report-fixture";
import { renderW3c, toW3cCollection } from "@/lib/exports/w3c";
import { w3cAnnotationErrors, w3cCollectionErrors, w3cTestFailures } from "@/lib/testing/w3c-schema";

type TBody = { type: string; purpose: string; value?: string; source?: string };

describe("W3C Web Annotation export", () => {
  it("is an AnnotationCollection that meets the model's MUSTs, and so does every annotation", async () => {
    const file = await renderW3c(fixtureReport());
    expect(file.contentType).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    expect(file.extension).toBe("w3c.jsonld");
    const collection = JSON.parse(String(file.body));
    expect(collection).toMatchObject({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", label: "Khojaly desk: 2 documents", total: 7 });
    expect(collection.id).toBe(`${ORIGIN}/api/v1/workspaces/ws-1/export?format=w3c&documents=doc-campaign,doc-ru&text=1&comments=1`);
    expect(collection.first).toMatchObject({ type: "AnnotationPage", startIndex: 0 });
    expect(collection.first.items).toHaveLength(7);
    expect(w3cCollectionErrors(collection)).toEqual([]);
    for (const item of collection.first.items) expect(w3cAnnotationErrors(item)).toEqual([]);
  });

  it("the checks catch what the model forbids", async () => {
    const collection = await toW3cCollection(fixtureReport());
    const item = collection.first!.items[0];
    // A purpose on an External Web Resource, or on a TextualBody with an id, is refused by the suite.
    expect(w3cAnnotationErrors({ ...item, body: [{ id: "https://memo.example/khojaly", purpose: "linking" }] })).toHaveLength(1);
    expect(w3cAnnotationErrors({ ...item, id: "not a uri", created: "yesterday" })).toHaveLength(2);
    expect(w3cTestFailures("collections/collectionMusts.test", { ...collection, type: "Collection" }).length).toBeGreaterThan(0);
  });

  it("targets the document by quote and code-point position, with the source, status and note as bodies", async () => {
    const collection = await toW3cCollection(fixtureReport());
    const [verified, contradicted, unverified, russian, long, , orphan] = collection.first!.items;
    expect(verified).toMatchObject({
      id: `${ORIGIN}/api/v1/annotations/a-verified`,
      type: "Annotation",
      motivation: ["assessing", "linking", "commenting"],
      created: "2026-02-01T09:00:00.000Z",
      modified: "2026-02-03T09:00:00.000Z",
      creator: { id: `${ORIGIN}/users/u-alice`, type: "Person", name: "Alice Reviewer" },
      target: {
        // Pasted text: the document's page here, as plain text, with nothing else known.
        source: { id: `${ORIGIN}/documents/doc-campaign`, type: "Text", format: "text/plain" },
        selector: [
          { type: "TextQuoteSelector", exact: "Memorial reported 613 kill", prefix: "", suffix: "ed in Khojaly" },
          { type: "TextPositionSelector", start: 0, end: 26 },
        ],
      },
    });
    const bodies = verified.body as TBody[];
    expect(bodies.find((b) => b.purpose === "linking")).toEqual({ type: "SpecificResource", purpose: "linking", source: "https://memo.example/khojaly" });
    expect(bodies.find((b) => b.purpose === "tagging")?.value).toContain("Report on Massive Human Rights Violations in Khojaly");
    expect(bodies.find((b) => b.purpose === "assessing")).toMatchObject({ type: "TextualBody", value: "Verified" });
    expect(bodies.find((b) => b.purpose === "classifying")).toMatchObject({ type: "TextualBody", value: "VERIFIED" });
    expect(bodies.find((b) => b.purpose === "commenting")).toMatchObject({ type: "TextualBody", value: "Checked against the scan." });

    // A source without a URL links to its page here.
    expect((contradicted.body as TBody[]).find((b) => b.purpose === "linking")?.source).toBe(`${ORIGIN}/sources/src-newsweek`);
    // No source: assessed only, with the note.
    expect(unverified.motivation).toEqual(["assessing", "commenting"]);
    expect((unverified.body as TBody[]).map((b) => b.purpose)).toEqual(["assessing", "classifying", "commenting"]);
    // Offsets are code points: "😀" is one.
    expect(russian.target.selector[1]).toEqual({ type: "TextPositionSelector", start: 0, end: 18 });
    expect(Array.from((russian.target.selector[0] as { exact: string }).exact)).toHaveLength(18);
    expect((long.target.selector[0] as { exact: string }).exact).toBe(LONG_QUOTE);
    // Not placed in the text: found by its quote alone.
    expect(orphan.target.selector).toEqual([{ type: "TextQuoteSelector", exact: "Пропавшая цитата", prefix: "", suffix: "" }]);
  });

  it("in a paged document, adds the page as a PDF fragment and describes the document's provenance on the source", async () => {
    const collection = await toW3cCollection(fixtureReport());
    const items = collection.first!.items;
    const [russian, long, , orphan] = items.filter((a) => a.target.source.id === `${ORIGIN}/documents/doc-ru`);
    expect(russian.target).toEqual({
      source: {
        id: `${ORIGIN}/documents/doc-ru`,
        type: "Text",
        format: "application/pdf",
        language: "ru",
        creator: [{ name: "Олег Орлов" }, { name: "Александр Черкасов" }],
        "dcterms:publisher": "Правозащитный центр «Мемориал»",
        "dcterms:issued": "1992-03",
        via: "https://memo.example/doklad.pdf",
        "schema:archivedAt": "https://archive.example/memo/doklad.pdf",
        // The revision the positions count in (the fixture's Russian report is at its third), and its text's hash.
        "schema:version": "3",
        "schema:sha256": "1".repeat(64),
      },
      // The quote and position as before; the page (where the span starts: it runs on to page 2) as an alternative.
      selector: [
        { type: "TextQuoteSelector", exact: "Мемориал сообщил 😀", prefix: "", suffix: "" },
        { type: "TextPositionSelector", start: 0, end: 18 },
        { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3778", value: "page=1" },
      ],
    });
    expect(long.target.selector[2]).toEqual({ type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3778", value: "page=3" });
    // Not placed: no position, so no page either.
    expect(orphan.target.selector.map((s) => s.type)).toEqual(["TextQuoteSelector"]);
    // Still within the model's MUSTs, the fragment selector's included.
    for (const item of [russian, long, orphan]) expect(w3cAnnotationErrors(item)).toEqual([]);
    const wrong = { ...russian, target: { ...russian.target, selector: [{ type: "FragmentSelector", value: ["page=1", "page=2"] }] } };
    expect(w3cAnnotationErrors(wrong).length).toBeGreaterThan(0);
  });

  it("an empty report is an empty collection", async () => {
    const report = fixtureReport();
    report.documents = [{ ...report.documents[0], annotations: [] }];
    const collection = await toW3cCollection(report);
    expect(collection).toMatchObject({ total: 0, label: "Justice for Khojaly (campaign page) (Khojaly desk)" });
    expect(collection.id).toBe(`${ORIGIN}/api/v1/documents/doc-campaign/export?format=w3c&text=1&comments=1`);
    expect(collection).not.toHaveProperty("first");
    expect(w3cTestFailures("collections/collectionMusts.test", collection)).toEqual([]);
  });
});
