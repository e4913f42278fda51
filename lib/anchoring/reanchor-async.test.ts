import { describe, expect, it } from "vitest";
import { quoteSelector } from "@/lib/anchoring/selectors";
import { reanchorAll, type TAnchorTarget } from "./reanchor";
import { reanchorMany, WORKER_MIN_TARGETS } from "./reanchor-async";

const BEFORE = "Memorial reported 613 killed in Khojaly. Newsweek, 16 March 1992, quoted the same figure. The town was shelled.";
const AFTER = "Memorial reported 613 killed in Khojaly. [Added.] Newsweek, 16 March 1992, quoted the same figure. The city was shelled.";

function target(needle: string): TAnchorTarget {
  const start = BEFORE.indexOf(needle);
  const end = start + needle.length;
  return { ...quoteSelector(BEFORE, { start, end }), start, end };
}

// The worker thread needs the production bundle or tsx (bench/reanchor.ts checks it gives the same
// results on 1,000 quotes); a batch this small is found on the calling thread.
describe("reanchorMany", () => {
  it("finds quotes still in place, moved and edited as reanchorAll does, in order", async () => {
    const targets = [target("613 killed"), target("16 March 1992"), target("The town was shelled"), { exact: "a sentence nobody wrote here", prefix: "", suffix: "", start: null, end: null }];
    expect(targets.length).toBeLessThan(WORKER_MIN_TARGETS);
    const results = await reanchorMany(AFTER, targets);
    expect(results).toEqual(reanchorAll(AFTER, targets));
    expect(results.map((r) => (r.state === "failed" ? "failed" : r.how))).toEqual(["position", "quote", "fuzzy", "failed"]);
  });
});
