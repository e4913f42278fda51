import { describe, expect, it } from "vitest";
import type { TAnnotation } from "@/lib/annotations/schemas";
import { applyAnnotation, type TVersioned } from "./apply";
import { describeLiveEvent } from "./describe";
import type { TLiveEvent } from "./schemas";

type T = TVersioned & { note: string };
const order = (a: T, b: T) => a.start - b.start || a.end - b.end;
const ann = (id: string, version: number, extra: Partial<T> = {}): T => ({ id, version, start: 0, end: 5, deletedAt: null, note: "", ...extra });

describe("applyAnnotation", () => {
  it("adds new annotations in reading order and replaces held ones with newer or equal versions only", () => {
    const removed = new Map<string, number>();
    let list = [ann("a", 1, { start: 10, end: 12 })];
    list = applyAnnotation(list, ann("b", 1, { start: 2, end: 4 }), removed, order);
    expect(list.map((x) => x.id)).toEqual(["b", "a"]);
    list = applyAnnotation(list, ann("a", 3, { start: 10, end: 12, note: "v3" }), removed, order);
    const held = list;
    // An older copy (a live event read before the save the view already shows) changes nothing.
    expect(applyAnnotation(list, ann("a", 2, { start: 10, end: 12, note: "v2" }), removed, order)).toBe(held);
    // The same version again (a comment changes counts without a version) is taken.
    const again = ann("a", 3, { start: 10, end: 12, note: "v3, recounted" });
    expect(applyAnnotation(list, again, removed, order).find((x) => x.id === "a")).toBe(again);
    // A move re-sorts.
    list = applyAnnotation(list, ann("a", 4, { start: 0, end: 1 }), removed, order);
    expect(list.map((x) => x.id)).toEqual(["a", "b"]);
  });

  it("removes deleted ones and keeps an older copy from bringing them back; a restore returns them", () => {
    const removed = new Map<string, number>();
    let list = [ann("a", 2)];
    list = applyAnnotation(list, ann("a", 3, { deletedAt: "2026-01-01T00:00:00.000Z" }), removed, order);
    expect(list).toEqual([]);
    expect(applyAnnotation(list, ann("a", 2), removed, order)).toBe(list);
    list = applyAnnotation(list, ann("a", 4), removed, order);
    expect(list.map((x) => [x.id, x.version])).toEqual([["a", 4]]);
    // Deleting one the list does not hold is harmless.
    expect(applyAnnotation(list, ann("z", 2, { deletedAt: "2026-01-01T00:00:00.000Z" }), removed, order)).toBe(list);
  });
});

describe("describeLiveEvent", () => {
  const event = (type: TLiveEvent["type"], annotation: Partial<TAnnotation>): TLiveEvent => ({
    id: "7",
    type,
    annotationId: "a",
    documentId: "d",
    workspaceId: "w",
    actor: { id: "u", name: "Rena", email: "rena@example.org" },
    createdAt: "2026-01-01T00:00:00.000Z",
    annotation: { exact: "613 killed", status: "VERIFIED", assignee: null, source: null, ...annotation } as TAnnotation,
  });

  it("says who did what to which quote", () => {
    expect(describeLiveEvent(event("UPDATED", {}), "UNVERIFIED")).toBe("Rena verified “613 killed”");
    expect(describeLiveEvent(event("UPDATED", { status: "CONTRADICTED" }), "IN_PROGRESS")).toBe("Rena marked “613 killed” Contradicted");
    expect(describeLiveEvent(event("UPDATED", {}), "VERIFIED")).toBe("Rena changed “613 killed”");
    expect(describeLiveEvent(event("CREATED", {}))).toBe("Rena annotated “613 killed”");
    expect(describeLiveEvent(event("DELETED", {}))).toBe("Rena deleted “613 killed”");
    expect(describeLiveEvent(event("SIGNED_OFF", {}))).toBe("Rena confirmed the verdict on “613 killed”");
    expect(describeLiveEvent(event("ASSIGNED", { assignee: { id: "x", name: "Sam", email: "s@x" } }))).toBe("Rena assigned “613 killed” to Sam");
    expect(describeLiveEvent(event("COMMENTED", {}))).toBe("Rena commented on “613 killed”");
  });
});
