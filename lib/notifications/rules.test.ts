import { describe, expect, it } from "vitest";
import { noticesFor, type TNotifiedState } from "@/lib/notifications/rules";

const base: TNotifiedState = { status: "IN_PROGRESS", assigneeId: null, signOff: "NONE", verdictById: null, signOffNote: "" };
const awaiting: TNotifiedState = { ...base, status: "VERIFIED", signOff: "AWAITING", verdictById: "rita", assigneeId: "rita" };

describe("noticesFor", () => {
  it("asks the editors (not the verdict's giver) to sign off a new verdict", () => {
    expect(noticesFor({ before: base, after: awaiting, actorId: "rita" })).toEqual([{ kind: "SIGN_OFF_REQUESTED", reason: "", to: { editorsBut: "rita" } }]);
  });

  it("asks again when the verdict changes while it waits, not when something else does", () => {
    expect(noticesFor({ before: awaiting, after: { ...awaiting, status: "CONTRADICTED" }, actorId: "rita" }).map((n) => n.kind)).toEqual(["SIGN_OFF_REQUESTED"]);
    expect(noticesFor({ before: awaiting, after: { ...awaiting, signOffNote: "x" }, actorId: "rita" })).toEqual([]);
  });

  it("tells the giver their verdict was returned, with the reason, once (not also as an assignment)", () => {
    const returned = { ...awaiting, signOff: "RETURNED", signOffNote: "Page 12 says 200", assigneeId: "rita" };
    expect(noticesFor({ before: { ...awaiting, assigneeId: null }, after: returned, actorId: "ed" })).toEqual([{ kind: "VERDICT_RETURNED", reason: "Page 12 says 200", to: { person: "rita" } }]);
  });

  it("tells the giver their verdict was confirmed", () => {
    expect(noticesFor({ before: awaiting, after: { ...awaiting, signOff: "CONFIRMED" }, actorId: "ed" })).toEqual([{ kind: "VERDICT_CONFIRMED", reason: "", to: { person: "rita" } }]);
  });

  it("tells a new assignee, never someone of their own action", () => {
    expect(noticesFor({ before: base, after: { ...base, assigneeId: "rita" }, actorId: "ed" })).toEqual([{ kind: "ASSIGNED", reason: "", to: { person: "rita" } }]);
    expect(noticesFor({ before: base, after: { ...base, assigneeId: "rita" }, actorId: "rita" })).toEqual([]);
    expect(noticesFor({ before: { ...base, assigneeId: "rita" }, after: { ...base, assigneeId: null }, actorId: "ed" })).toEqual([]);
  });

  it("a resubmitted verdict asks the editors again, leaving out who resubmits", () => {
    const returned = { ...awaiting, signOff: "RETURNED", signOffNote: "why" };
    const resubmitted = { ...awaiting, verdictById: "sam" };
    expect(noticesFor({ before: returned, after: resubmitted, actorId: "sam" })).toEqual([{ kind: "SIGN_OFF_REQUESTED", reason: "", to: { editorsBut: "sam" } }]);
  });
});
