/**
 * Runs Hypothesis's quote-matching tests (test/match-quote-test.js, from hypothesis/client at
 * 9d28950c84560765f77b8e8e133c0f11ad577410, src/annotator/anchoring/test/, unchanged; BSD licence
 * in LICENSE) against our anchoring, through match-quote.ts. They are written for mocha and chai's
 * `assert`: vitest's `describe`, `it` and `assert` (chai's) stand in. A test whose rule differs from
 * ours on purpose is run as one that must fail (`it.fails`), with the reason in its name: should it
 * start to pass, the run says so.
 */
import { assert, describe, it } from "vitest";

const DIFFERS_ON_PURPOSE: Record<string, string> = {};

const globals = globalThis as Record<string, unknown>;
globals.describe = describe;
globals.assert = assert;
globals.it = (name: string, fn: () => void) => (name in DIFFERS_ON_PURPOSE ? it.fails(`${name} — differs on purpose: ${DIFFERS_ON_PURPOSE[name]}`, fn) : it(name, fn));

await import("./test/match-quote-test.js");
