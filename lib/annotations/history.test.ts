import { describe, expect, it } from "vitest";
import type { TAnnotationEvent, TAnnotationEventType } from "@/lib/annotations/schemas";
import { describeEvent, describeHistory, EVENT_TITLES, EVENT_TYPES, historyNames, nextSpan, spanWords, type THistoryEntry } from "./history";

const rita = { id: "u-rita", name: "Rita Reviewer", email: "rita@t.test" };
const eddie = { id: "u-eddie", name: "Eddie Editor", email: "eddie@t.test" };
const names = historyNames({
  sources: [
    { id: "s-memorial", label: "Memorial report" },
    { id: "s-newsweek", label: "Newsweek, 16 March 1992" },
  ],
  members: [
    { id: rita.id, name: rita.name },
    { id: eddie.id, name: eddie.name },
  ],
});

let nextId = 1;
function event(type: TAnnotationEventType, before: Record<string, unknown> | null, after: Record<string, unknown>, actor = rita): TAnnotationEvent {
  const id = String(nextId++);
  return { id, type, actor, version: Number(id), createdAt: `2026-11-21T10:00:0${id.slice(-1)}.000Z`, before, after };
}

/** A full annotation snapshot as lib/annotations/events.ts snapshotOf writes it. */
const snapshot = {
  start: 120,
  end: 123,
  exact: "613",
  sourceId: null,
  locator: "",
  attributionText: "",
  status: "UNVERIFIED",
  note: "",
  deletedAt: null,
  assigneeId: null,
  onChecklist: false,
  signOff: "NONE",
  verdictById: null,
  signedOffById: null,
  signOffNote: "",
};

/** "Label: before → after" per change and "Label: value" per fact, to compare entries as a reader sees them. */
const lines = (entry: THistoryEntry) => [...entry.changes.map((c) => `${c.label}: ${c.before} → ${c.after}`), ...entry.facts.map((f) => `${f.label}: ${f.value}`)];

describe("describeEvent: annotation changes in words", () => {
  it("a created annotation: where it is, its source and status, and only the other fields it has", () => {
    const entry = describeEvent(event("CREATED", null, { ...snapshot, sourceId: "s-memorial", note: "check the figure" }), names);
    expect(entry).toMatchObject({ title: "Created", actor: rita, changes: [] });
    expect(lines(entry)).toEqual(["Span: characters 120–123 “613”", "Source: Memorial report", "Status: Unverified", "Note: “check the figure”"]);
  });

  it("a created annotation without a source says so", () => {
    expect(lines(describeEvent(event("CREATED", null, snapshot), names))).toContain("Source: No source");
  });

  it("a move reads as both spans, in code points, with the quotes", () => {
    const entry = describeEvent(event("UPDATED", { start: 120, end: 123, exact: "613" }, { start: 118, end: 130, exact: "a 613 killed" }), names);
    expect(entry.title).toBe("Moved");
    expect(lines(entry)).toEqual(["Span: characters 120–123 “613” → characters 118–130 “a 613 killed”"]);
  });

  it("a move that kept its start takes the start from where the annotation was", () => {
    const moved = event("UPDATED", { end: 123, exact: "613" }, { end: 130, exact: "613 killed" });
    expect(lines(describeEvent(moved, names, { start: 120, end: 123, exact: "613" }))).toEqual([
      "Span: characters 120–123 “613” → characters 120–130 “613 killed”",
    ]);
    // Without that context it still says what it knows.
    expect(lines(describeEvent(moved, names))).toEqual(["Span: up to character 123 “613” → up to character 130 “613 killed”"]);
  });

  it("a source change names both sources; an unknown or removed one is not an id", () => {
    expect(lines(describeEvent(event("UPDATED", { sourceId: null }, { sourceId: "s-memorial" }), names))).toEqual(["Source: No source → Memorial report"]);
    const entry = describeEvent(event("UPDATED", { sourceId: "s-gone" }, { sourceId: "s-newsweek" }), names);
    expect(entry.title).toBe("Source changed");
    expect(lines(entry)).toEqual(["Source: a source no longer listed → Newsweek, 16 March 1992"]);
  });

  it("a status change to a verdict lists the status, who gave the verdict and the sign-off it now waits for", () => {
    const entry = describeEvent(
      event("UPDATED", { status: "UNVERIFIED", verdictById: null, signOff: "NONE" }, { status: "VERIFIED", verdictById: rita.id, signOff: "AWAITING" }),
      names,
    );
    expect(entry.title).toBe("Status changed");
    expect(lines(entry)).toEqual(["Status: Unverified → Verified", "Verdict by: Nobody → Rita Reviewer", "Sign-off: No sign-off → Awaiting sign-off"]);
  });

  it("one UPDATED event that changes several fields lists each, and its title names each kind of change", () => {
    const entry = describeEvent(
      event(
        "UPDATED",
        { start: 120, end: 123, exact: "613", sourceId: null, locator: "", status: "IN_PROGRESS", note: "", attributionText: "" },
        { start: 120, end: 130, exact: "613 killed", sourceId: "s-newsweek", locator: "p. 12", status: "SOURCE_NOT_FOUND", note: "Archive offline", attributionText: "per Newsweek" },
      ),
      names,
    );
    expect(entry.title).toBe("Moved, source changed, locator changed, attribution wording changed, status changed, note edited");
    expect(lines(entry)).toEqual([
      "Span: characters 120–123 “613” → characters 120–130 “613 killed”",
      "Source: No source → Newsweek, 16 March 1992",
      "Locator: none → p. 12",
      "Attribution wording: none → “per Newsweek”",
      "Status: In progress → Source not found",
      "Note: none → “Archive offline”",
    ]);
  });

  it("a long note is shortened, not dumped", () => {
    const long = "word ".repeat(500);
    const [change] = describeEvent(event("UPDATED", { note: "" }, { note: long }), names).changes;
    expect(Array.from(change.after).length).toBeLessThanOrEqual(202);
    expect(change.after).toContain("…");
  });

  it("assignment: to a member, to nobody, and to someone who has left", () => {
    const assigned = describeEvent(event("ASSIGNED", { assigneeId: null }, { assigneeId: eddie.id }), names);
    expect(assigned.title).toBe("Assigned");
    expect(lines(assigned)).toEqual(["Assigned to: Nobody → Eddie Editor"]);
    const unassigned = describeEvent(event("ASSIGNED", { assigneeId: "u-left" }, { assigneeId: null }), names);
    expect(unassigned.title).toBe("Unassigned");
    expect(lines(unassigned)).toEqual(["Assigned to: a former member → Nobody"]);
  });

  it("assignment together with another change is an UPDATED event that lists both", () => {
    const entry = describeEvent(event("UPDATED", { assigneeId: null, onChecklist: false }, { assigneeId: rita.id, onChecklist: true }), names);
    expect(entry.title).toBe("Assigned, added to the checklist");
    expect(lines(entry)).toEqual(["Assigned to: Nobody → Rita Reviewer", "Checklist: Not on the checklist → On the checklist"]);
    expect(describeEvent(event("UPDATED", { onChecklist: true }, { onChecklist: false }), names).title).toBe("Taken off the checklist");
  });

  it("sign-off: confirmed, returned with a reason (and sent back to whoever gave the verdict), submitted again", () => {
    const confirmed = describeEvent(event("SIGNED_OFF", { signOff: "AWAITING", signedOffById: null }, { signOff: "CONFIRMED", signedOffById: eddie.id }, eddie), names);
    expect(confirmed.title).toBe("Signed off");
    expect(lines(confirmed)).toEqual(["Sign-off: Awaiting sign-off → Signed off", "Sign-off by: Nobody → Eddie Editor"]);

    const returned = describeEvent(
      event(
        "SIGN_OFF_RETURNED",
        { signOff: "AWAITING", signedOffById: null, signOffNote: "", assigneeId: null },
        { signOff: "RETURNED", signedOffById: eddie.id, signOffNote: "The page number is wrong", assigneeId: rita.id },
        eddie,
      ),
      names,
    );
    expect(returned.title).toBe("Returned for another look");
    expect(lines(returned)).toEqual([
      "Assigned to: Nobody → Rita Reviewer",
      "Sign-off: Awaiting sign-off → Returned",
      "Sign-off by: Nobody → Eddie Editor",
      "Reason: none → “The page number is wrong”",
    ]);

    const resubmitted = describeEvent(
      event("UPDATED", { signOff: "RETURNED", signedOffById: eddie.id, signOffNote: "The page number is wrong" }, { signOff: "AWAITING", signedOffById: null, signOffNote: "" }),
      names,
    );
    expect(resubmitted.title).toBe("Submitted again for sign-off");
    expect(lines(resubmitted)).toContain("Sign-off: Returned → Awaiting sign-off");
  });

  it("deleted and restored: what was removed or brought back", () => {
    const deleted = { ...snapshot, status: "VERIFIED", sourceId: "s-memorial", deletedAt: "2026-11-21T10:00:00.000Z" };
    const entry = describeEvent(event("DELETED", { ...snapshot, status: "VERIFIED", sourceId: "s-memorial" }, deleted), names);
    expect(entry).toMatchObject({ title: "Deleted", changes: [] });
    expect(lines(entry)).toEqual(["Span: characters 120–123 “613”", "Source: Memorial report", "Status: Verified"]);
    const restored = describeEvent(event("RESTORED", deleted, { ...deleted, deletedAt: null }), names);
    expect(restored.title).toBe("Restored");
    expect(lines(restored)).toEqual(["Span: characters 120–123 “613”", "Source: Memorial report", "Status: Verified"]);
  });

  it("source merges (lib/sources/merge.ts stores only the source) name the merged source, which lists no longer show", () => {
    const withMerged = historyNames({ sources: [{ id: "s-newsweek", label: "Newsweek" }], extra: { sources: { "s-dupe": "Newsweak" }, people: {} } });
    const merged = describeEvent(event("SOURCE_MERGED", { sourceId: "s-dupe" }, { sourceId: "s-newsweek" }, eddie), withMerged);
    expect(merged.title).toBe("Sources merged");
    expect(lines(merged)).toEqual(["Source: Newsweak → Newsweek"]);
    const undone = describeEvent(event("SOURCE_MERGE_UNDONE", { sourceId: "s-newsweek" }, { sourceId: "s-dupe" }, eddie), withMerged);
    expect(undone.title).toBe("Source merge undone");
    expect(lines(undone)).toEqual(["Source: Newsweek → Newsweak"]);
  });

  it("a field this module does not know yet still shows, labelled from its name", () => {
    expect(lines(describeEvent(event("UPDATED", { reviewDue: null }, { reviewDue: "2026-12-01" }), names))).toEqual(["Review Due: none → 2026-12-01"]);
  });
});

describe("describeEvent: evidence, chain and discussion", () => {
  /** An evidence item's snapshot as lib/evidence/present.ts evidenceSnapshot writes it. */
  const item = {
    id: "e1",
    sourceId: "s-memorial",
    locator: "p. 4",
    passage: "613 civilians were killed",
    passageTranslation: "",
    url: "https://memo.ru/report",
    archivedUrl: "",
    accessedOn: "2024-05-31",
    stance: "SUPPORTS",
    note: "",
    deletedAt: null,
  };

  it("evidence added: its stance, passage, source and the other fields it has", () => {
    const entry = describeEvent(event("EVIDENCE_ADDED", null, item), names);
    expect(entry.title).toBe("Evidence added");
    expect(lines(entry)).toEqual([
      "Stance: Supports",
      "Passage: “613 civilians were killed”",
      "Source: Memorial report",
      "Locator: p. 4",
      "URL: https://memo.ru/report",
      "Accessed on: 2024-05-31",
    ]);
  });

  it("evidence edited: only what changed; removed: what it was", () => {
    const edited = describeEvent(event("EVIDENCE_UPDATED", item, { ...item, stance: "CONTRADICTS", locator: "p. 5" }), names);
    expect(edited.title).toBe("Evidence edited");
    expect(lines(edited)).toEqual(["Stance: Supports → Contradicts", "Locator: p. 4 → p. 5"]);
    const removed = describeEvent(event("EVIDENCE_REMOVED", item, { ...item, deletedAt: "2026-11-21T10:00:00.000Z" }), names);
    expect(removed.title).toBe("Evidence removed");
    expect(lines(removed)).toContain("Passage: “613 civilians were killed”");
  });

  it("attribution chain: the hops in order on each side", () => {
    const entry = describeEvent(
      event("CHAIN_SET", { hops: [] }, { hops: [{ sourceId: "s-newsweek", locator: "p. 2", note: "" }, { sourceId: "s-memorial", locator: "", note: "" }] }),
      names,
    );
    expect(entry.title).toBe("Attribution chain changed");
    expect(lines(entry)).toEqual(["Attribution chain: none → 1. Newsweek, 16 March 1992, p. 2; 2. Memorial report"]);
    expect(describeEvent(event("CHAIN_SET", { hops: [{ sourceId: "s-memorial", locator: "", note: "" }] }, { hops: [] }), names).title).toBe("Attribution chain cleared");
  });

  it("comments: the text commented, the edit, the deleted text; thread resolved and reopened", () => {
    const commented = describeEvent(event("COMMENTED", null, { commentId: "c1", text: "Memorial says 613, Newsweek 'over 600'" }), names);
    expect(commented.title).toBe("Commented");
    expect(lines(commented)).toEqual(["Comment: “Memorial says 613, Newsweek 'over 600'”"]);
    const edited = describeEvent(event("COMMENT_EDITED", { commentId: "c1", text: "old words" }, { commentId: "c1", text: "new words" }), names);
    expect(edited.title).toBe("Comment edited");
    expect(lines(edited)).toEqual(["Comment: “old words” → “new words”"]);
    const deleted = describeEvent(event("COMMENT_DELETED", { commentId: "c1", text: "new words" }, { commentId: "c1" }), names);
    expect(deleted.title).toBe("Comment deleted");
    expect(lines(deleted)).toEqual(["Comment: “new words”"]);
    expect(describeEvent(event("THREAD_RESOLVED", null, {}), names)).toMatchObject({ title: "Discussion resolved", changes: [], facts: [] });
    expect(describeEvent(event("THREAD_REOPENED", null, {}), names)).toMatchObject({ title: "Discussion reopened", changes: [], facts: [] });
  });

  it("every event type has a title of its own", () => {
    expect(EVENT_TYPES).toHaveLength(22);
    expect(new Set(Object.values(EVENT_TITLES)).size).toBe(EVENT_TYPES.length);
  });
});

describe("describeEvent: a new revision of the text", () => {
  it("says in words that the quoted words changed, in which revision, how close the new quote is, and that sign-off is awaited again", () => {
    const entry = describeEvent(
      event("ANCHOR_CHANGED", { start: 18, end: 28, exact: "613 killed", signOff: "CONFIRMED" }, { start: 18, end: 28, exact: "618 killed", revision: 2, needsRecheck: true, anchorSimilarity: 0.9, signOff: "AWAITING", signOffNote: "the text changed in revision 2" }),
      names,
    );
    expect(entry.title).toBe("Quoted words changed in a new revision of the text");
    expect(entry.facts).toEqual([
      { field: "revision", label: "Revision", value: "2" },
      { field: "anchorSimilarity", label: "Similarity", value: "90 %" },
    ]);
    expect(entry.changes.map((c) => c.field)).toEqual(["span", "signOff", "signOffNote"]);
  });

  it("names a move and a loss", () => {
    expect(describeEvent(event("ANCHOR_SHIFTED", { start: 18, end: 28 }, { start: 40, end: 50, revision: 3 }), names).title).toBe("Moved with a new revision of the text");
    expect(describeEvent(event("ORPHANED", { orphaned: false }, { orphaned: true, revision: 3 }), names).title).toBe("Lost in a new revision of the text");
  });
});

describe("describeHistory", () => {
  it("reads each move against where the annotation was just before, through other events", () => {
    const events = [
      event("CREATED", null, snapshot),
      event("EVIDENCE_ADDED", null, { id: "e1", sourceId: null, locator: "p. 9", passage: "x", stance: "CONTEXT" }),
      event("UPDATED", { end: 123, exact: "613" }, { end: 130, exact: "613 killed" }),
      event("SOURCE_MERGED", { sourceId: null }, { sourceId: "s-memorial" }),
      event("UPDATED", { start: 120, exact: "613 killed" }, { start: 116, exact: "All 613 killed" }),
    ];
    const history = describeHistory(events, names);
    expect(history.map((e) => e.title)).toEqual(["Created", "Evidence added", "Moved", "Sources merged", "Moved"]);
    expect(lines(history[2])).toEqual(["Span: characters 120–123 “613” → characters 120–130 “613 killed”"]);
    expect(lines(history[4])).toEqual(["Span: characters 120–130 “613 killed” → characters 116–130 “All 613 killed”"]);
    // Evidence snapshots have a locator too, but they do not move the annotation.
    expect(nextSpan({ start: 1, end: 2, exact: "a" }, events[1])).toEqual({ start: 1, end: 2, exact: "a" });
  });

  it("keeps the actor, time and version of each event", () => {
    const e = event("SIGNED_OFF", { signOff: "AWAITING" }, { signOff: "CONFIRMED" }, eddie);
    const [entry] = describeHistory([e], names);
    expect(entry).toMatchObject({ id: e.id, type: "SIGNED_OFF", actor: eddie, createdAt: e.createdAt, version: e.version });
  });
});

describe("spanWords and historyNames", () => {
  it("counts code points as the editor does, and shortens long quotes", () => {
    expect(spanWords({ start: 0, end: 2, exact: "🙂🙂" })).toBe("characters 0–2 “🙂🙂”");
    expect(spanWords({ start: 0, end: 300, exact: "x".repeat(300) })).toMatch(/^characters 0–300 “x+…x+”$/);
  });

  it("the page's own sources and members win over names the server resolved", () => {
    const n = historyNames({ sources: [{ id: "s1", label: "Now" }], members: [{ id: "u1", name: "Ann" }], extra: { sources: { s1: "Then", s2: "Merged" }, people: { u2: "Gone" } } });
    expect([...n.sources]).toEqual([["s1", "Now"], ["s2", "Merged"]]);
    expect(n.people.get("u2")).toBe("Gone");
  });
});
