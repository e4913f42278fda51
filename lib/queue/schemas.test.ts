import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, formatQueueCount, parseQueueParams, queueHref, ZBulkRequest } from "./schemas";

describe("queue URL and request vocabulary", () => {
  it("reads search params leniently: nonsense is dropped, not an error", () => {
    expect(parseQueueParams({ workspace: "w1", tab: "sign-off", status: "VERIFIED", signOff: "AWAITING", document: ["d1", "d2"] })).toEqual({
      workspace: "w1", tab: "sign-off", status: "VERIFIED", signOff: "AWAITING", document: "d1",
    });
    expect(parseQueueParams({ tab: "everything", status: "DONE", document: "", source: "none" })).toEqual({ source: "none" });
  });

  it("builds short, shareable queue links that leave out empty filters", () => {
    expect(queueHref({ workspace: "w 1", tab: "all", document: "d1", status: "UNVERIFIED", source: undefined })).toBe("/queue?workspace=w+1&tab=all&document=d1&status=UNVERIFIED");
    expect(queueHref({})).toBe("/queue");
  });

  it("a cursor round-trips its time and id; anything else is no cursor", () => {
    const cursor = { at: new Date("2026-01-05T10:00:00.123Z"), id: "cm1abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("12.ab;DROP")).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it("counts above the cap read as 1,000+", () => {
    expect(formatQueueCount(999)).toBe("999");
    expect(formatQueueCount(1_000)).toBe("1,000");
    expect(formatQueueCount(1_001)).toBe("1,000+");
  });

  it("each bulk action takes its own value and nothing else", () => {
    expect(ZBulkRequest.safeParse({ action: "assign", assigneeId: null, items: [{ id: "a", version: 1 }] }).success).toBe(true);
    expect(ZBulkRequest.safeParse({ action: "assign", items: [{ id: "a", version: 1 }] }).success).toBe(false);
    expect(ZBulkRequest.safeParse({ action: "checklist", onChecklist: "yes", items: [{ id: "a", version: 1 }] }).success).toBe(false);
    expect(ZBulkRequest.safeParse({ action: "status", status: "VERIFIED", items: [{ id: "a", version: 0 }] }).success).toBe(false);
  });
});
