/** The revision bench proper (bench/revision.ts starts it under the react-server condition). */
import os from "node:os";
import { scriptClient } from "../../prisma/client";
import { createRevision } from "../../lib/revisions/mutations";
import { applyEdits, random, scatteredEdits } from "../../lib/testing/text-edits";
import { createShutdown } from "../../scripts/lib/database";
import { startBench } from "./app-server";
import { copyCorpus, corpusDocument, spanRow } from "./corpus-copy";
import { generateSpans, seededRandom } from "./spans";
import { formatMs, markdownTable, median } from "./table";

const TARGET_MS = 500;
const DEADLINE_MS = 10 * 60_000;

export async function main(smoke: boolean) {
  const shutdown = createShutdown();
  const sizes = smoke ? { annotations: 200, edits: 10, runs: 1 } : { annotations: 2_000, edits: 50, runs: 5 };
  const problems: string[] = [];
  try {
    const url = await startBench({ shutdown, profile: "bench-revision", deadlineMs: DEADLINE_MS, build: false });
    process.env.DATABASE_URL = url;
    delete process.env.DATABASE_APP_URL;
    const prisma = scriptClient(url);
    shutdown.add(() => prisma.$disconnect());
    const original = await corpusDocument(prisma);
    const editor = await prisma.user.findFirstOrThrow({ where: { email: "editor@example.com" }, select: { id: true } });
    const reviewer = await prisma.user.findFirstOrThrow({ where: { email: "reviewer@example.com" }, select: { id: true } });
    const chars = Array.from(original.text);
    const edits = scatteredEdits(chars, random(15), sizes.edits);
    const next = applyEdits(chars, edits);
    const runs: Array<{ ms: number; counts: Awaited<ReturnType<typeof createRevision>>["counts"]; events: number }> = [];
    for (let run = 1; run <= sizes.runs; run++) {
      const copy = await copyCorpus(prisma, original, { label: `revision run ${run}`, createdById: editor.id });
      const spans = generateSpans(sizes.annotations, original.length, seededRandom(run));
      await prisma.annotation.createMany({
        data: spans.map((span, i) => ({
          ...spanRow(original, copy, span),
          createdById: reviewer.id,
          updatedById: reviewer.id,
          ...(i % 5 === 0 ? { status: "VERIFIED" as const, verdictById: reviewer.id, verdictAt: new Date(), signOff: "CONFIRMED" as const, signedOffById: editor.id, signedOffAt: new Date() } : {}),
        })),
      });
      const started = performance.now();
      const saved = await createRevision({ userId: editor.id, documentId: copy.id, input: { baseRevision: 1, text: next, reason: "bench" } });
      const ms = performance.now() - started;
      const events = await prisma.annotationEvent.count({ where: { documentId: copy.id, type: { in: ["ANCHOR_SHIFTED", "ANCHOR_CHANGED", "ORPHANED"] } } });
      const reopened = await prisma.annotation.count({ where: { documentId: copy.id, signOff: "AWAITING", signOffNote: "the text changed in revision 2" } });
      const { shifted, changed, orphaned } = saved.counts;
      if (events !== shifted + changed + orphaned) problems.push(`run ${run}: ${events} events for ${shifted + changed + orphaned} carried-over annotations`);
      if (saved.counts.unchanged + shifted + changed + orphaned !== sizes.annotations) problems.push(`run ${run}: counts ${JSON.stringify(saved.counts)} do not add up to ${sizes.annotations}`);
      if (reopened === 0 && changed + orphaned > sizes.annotations / 10) problems.push(`run ${run}: no verdict went back to sign-off`);
      runs.push({ ms, counts: saved.counts, events });
      console.log(`[bench] run ${run}/${sizes.runs}: ${formatMs(ms)} ms, ${JSON.stringify(saved.counts)}, ${events} events, ${reopened} verdicts back to sign-off`);
    }
    const times = runs.map((r) => r.ms);
    const c = runs[0].counts;
    console.log(
      `\nRevision of "${"Khojaly Genocide (Presidential Library compilation)"}" (${(Buffer.byteLength(original.text) / 1024).toFixed(0)} KB): ${sizes.edits} scattered edits (${edits.filter((e) => e.kind === "look-alike").length} look-alike fixes), ` +
        `${sizes.annotations.toLocaleString("en-US")} annotations; createRevision from the call to the commit; ${os.cpus().length} cores; ${sizes.runs} runs${smoke ? " (smoke: too small to measure)" : ""}.\n`,
    );
    console.log(
      markdownTable(
        ["annotations", "median, ms", "max, ms", "target", "met", "unchanged", "moved", "changed (flagged)", "orphaned", "events"],
        [[sizes.annotations.toLocaleString("en-US"), formatMs(median(times)), formatMs(Math.max(...times)), `≤ ${TARGET_MS} ms`, Math.max(...times) <= TARGET_MS ? "yes" : "no", String(c.unchanged), String(c.shifted), String(c.changed), String(c.orphaned), String(runs[0].events)]],
        new Set([3, 4]),
      ),
    );
  } catch (error) {
    problems.push((error as Error).stack ?? String(error));
  }
  if (problems.length) console.error(`\nPROBLEMS:\n${problems.join("\n")}`);
  shutdown.exit(problems.length ? 1 : 0);
}
