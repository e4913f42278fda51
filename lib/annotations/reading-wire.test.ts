import { describe, expect, it } from "vitest";
import { cpLength, cpSlice } from "@/lib/anchoring/code-points";
import type { TSource } from "@/lib/sources/schemas";
import { testSource } from "@/lib/testing/sources";
import { packAnnotations, unpackAnnotations } from "./reading-wire";
import type { TAnnotationView, TAnnotationWire } from "./schemas";

const source: TSource = testSource({
  id: "s1", workspaceId: "w", kind: "BOOK", title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }], publisher: "NYU Press",
  issued: "2003", publisherPlace: "New York", language: "en",
});
const rena = { id: "u1", name: "Rena", email: "r@example.com" };
const aram = { id: "u2", name: "Aram", email: "a@example.com" };
// An astral character before the quote: offsets are code points, the quote must still come out right.
const text = "😀 (Thomas de Waal, “Black Garden”)\nsecond line";
const document = { id: "d", workspaceId: "w", revision: 3 };

const plain: TAnnotationWire = {
  id: "a1", documentId: "d", workspaceId: "w", documentRevision: 3, start: 3, end: 17, exact: "Thomas de Waal", status: "UNVERIFIED",
  sourceId: null, locator: "", attributionText: "", note: "", version: 1, createdBy: rena, updatedBy: rena,
  createdAt: "2026-01-01T00:00:00.123Z", updatedAt: "2026-01-01T00:00:00.123Z", deletedAt: null,
  evidenceCount: 0, chain: [], assignee: null, onChecklist: false, verdictBy: null, verdictAt: null, signOff: "NONE", signedOffBy: null, signedOffAt: null,
  signOffNote: "", commentCount: 0, threadResolved: false, orphaned: false, needsRecheck: false, anchorSimilarity: null,
};
const busy: TAnnotationWire = {
  ...plain, id: "a2", documentRevision: 2, status: "VERIFIED", sourceId: "s1", locator: "pp. 169-172", attributionText: "de Waal says", note: "checked", version: 4,
  updatedBy: aram, updatedAt: "2026-01-02T10:00:00.000Z", evidenceCount: 2, chain: [{ sourceId: "s1", title: "Black Garden", label: "de Waal · 2003 · Black Garden", locator: "p. 170", note: "" }],
  assignee: aram, onChecklist: true, verdictBy: aram, verdictAt: "2026-01-02T10:00:00.000Z", signOff: "RETURNED", signedOffBy: rena,
  signedOffAt: "2026-01-03T00:00:00.000Z", signOffNote: "look again", commentCount: 3, threadResolved: true, needsRecheck: true, anchorSimilarity: 0.93,
};
const orphan: TAnnotationWire = { ...plain, id: "a3", start: 0, end: 5, exact: "not in the text", orphaned: true };

/** What the reading view shows: the row with its source (the only one, "s1") in place of its id. */
const view = ({ sourceId, ...rest }: TAnnotationWire): TAnnotationView => ({ ...rest, source: sourceId ? source : null });

describe("packed reading-view annotations", () => {
  it("round-trips every field of plain, busy and orphaned annotations", () => {
    const packed = packAnnotations([plain, busy, orphan], text, document);
    expect(unpackAnnotations(packed, text, new Map([["s1", source]]))).toEqual([plain, busy, orphan].map(view));
  });

  it("sends each person once, the quote only when the text cannot give it, and no defaults", () => {
    const packed = packAnnotations([plain, busy, orphan], text, document);
    expect(packed.people).toEqual([rena, aram]);
    expect(packed.rows[0]).toHaveLength(10); // nothing differs from its default
    expect(JSON.stringify(packed.rows[0])).not.toContain("Thomas");
    expect(packed.rows[2][10]).toMatchObject({ exact: "not in the text", orphaned: true });
  });

  it("gives every quote from the text, whatever astral characters and lone surrogates come before it", () => {
    const mixed = "😀 one 🏳️‍🌈 two \uD800 three 𝔘𝔫𝔦 four\nfive 😀😀 six \uDC00 end";
    const length = cpLength(mixed);
    const spans = Array.from({ length: length * 2 }, (_, i) => ({ start: i % length, end: Math.min(length, (i % length) + 1 + (i % 7)) }));
    const list = spans.map((span, i) => ({ ...plain, id: `q${i}`, ...span, exact: cpSlice(mixed, span.start, span.end) }));
    const packed = packAnnotations(list, mixed, document);
    expect(packed.rows.every((row) => row[10]?.exact === undefined)).toBe(true);
    expect(unpackAnnotations(packed, mixed, new Map()).map((a) => a.exact)).toEqual(list.map((a) => a.exact));
  });
});
