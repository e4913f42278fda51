import { testSource } from "@/lib/testing/sources";
import { describe, expect, it } from "vitest";
import type { TSource } from "@/lib/sources/schemas";
import { fromWire, toWire, type TAnnotation } from "./schemas";

const source: TSource = testSource({
  id: "s1", workspaceId: "w", kind: "BOOK", title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }], publisher: "NYU Press",
  issued: "2003", publisherPlace: "New York", language: "en",
});
const person = { id: "u", name: "Rena", email: "r@example.com" };
const annotation: TAnnotation = {
  id: "a1", documentId: "d", workspaceId: "w", documentRevision: 1, start: 5, end: 19, exact: "Thomas de Waal", prefix: "(", suffix: ", “Black", status: "VERIFIED",
  source, locator: "pp. 169-172", attributionText: "", note: "", version: 2, createdBy: person, updatedBy: person,
  createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-02T00:00:00.000Z", deletedAt: null,
  evidenceCount: 1, chain: [{ sourceId: "s1", title: "Black Garden", locator: "p. 170", note: "" }],
  assignee: null, onChecklist: false, verdictBy: person, verdictAt: "2026-01-02T00:00:00.000Z", signOff: "AWAITING", signedOffBy: null, signedOffAt: null,
  signOffNote: "", commentCount: 0, threadResolved: false, orphaned: false,
};

describe("reading-view wire format", () => {
  it("sends the source by id and brings it back from the page's source list", () => {
    const wire = toWire(annotation);
    expect(wire).not.toHaveProperty("source");
    expect(wire).not.toHaveProperty("prefix");
    expect(wire.sourceId).toBe("s1");
    const back = fromWire(wire, new Map([["s1", source]]));
    expect(back.source).toBe(source);
    expect(back).toMatchObject({ exact: "Thomas de Waal", locator: "pp. 169-172", version: 2, evidenceCount: 1, chain: annotation.chain });
  });

  it("keeps an annotation without a source sourceless", () => {
    expect(fromWire(toWire({ ...annotation, source: null }), new Map()).source).toBeNull();
  });
});
