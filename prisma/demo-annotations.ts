/**
 * Seeds the demo workspace with the attributions its texts make (prisma/demo-attributions.ts):
 * their sources, registered once, and an Unverified annotation for each, recorded with its CREATED
 * event as the app records a create (full snapshot after, version 1). Idempotent: a source is
 * matched by title, an annotation by its span, so a second run adds nothing, nor brings back what
 * a reviewer deleted. One transaction and three createMany calls.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { cpLength } from "../lib/anchoring/code-points";
import { quoteSelector } from "../lib/anchoring/selectors";
import { snapshotOf } from "../lib/annotations/snapshot";
import { DEMO_ATTRIBUTIONS, DEMO_SOURCES, type TDemoAttribution, type TDemoSourceKey } from "./demo-attributions";

export type TLocated = TDemoAttribution & { start: number; end: number };

/** Where each of the file's attributions is, in code points; throws when a quote is not there exactly once. */
export function locateAttributions(file: string, text: string): TLocated[] {
  return DEMO_ATTRIBUTIONS.filter((a) => a.file === file).map((a) => {
    const at = text.indexOf(a.quote);
    if (at === -1 || text.indexOf(a.quote, at + 1) !== -1) throw new Error(`Demo quote ${at === -1 ? "not found" : "found twice"} in ${file}: “${a.quote.slice(0, 60)}”`);
    const start = cpLength(text.slice(0, at));
    return { ...a, start, end: start + cpLength(a.quote) };
  });
}

type TDemoDocument = { id: string; file: string; text: string; revision: number };

/** Returns how many sources and annotations it added. */
export async function seedAttributions(prisma: PrismaClient, options: { workspaceId: string; actorId: string; documents: TDemoDocument[] }) {
  const { workspaceId, actorId } = options;
  const located = options.documents.flatMap((d) => locateAttributions(d.file, d.text).map((a) => ({ ...a, document: d })));
  return prisma.$transaction(async (tx) => {
    const titles = Object.values(DEMO_SOURCES).map((s) => s.title);
    const known = new Map((await tx.source.findMany({ where: { workspaceId, title: { in: titles } }, select: { id: true, title: true } })).map((s) => [s.title, s.id]));
    const missing = (Object.entries(DEMO_SOURCES) as [TDemoSourceKey, (typeof DEMO_SOURCES)[TDemoSourceKey]][]).filter(([, s]) => !known.has(s.title));
    const newSources = missing.map(([, s]) => ({ id: randomUUID(), workspaceId, createdById: actorId, ...s }));
    if (newSources.length) await tx.source.createMany({ data: newSources });
    for (const s of newSources) known.set(s.title, s.id);

    // Any annotation on the span, live or deleted, means the seed has been there.
    const taken = await tx.annotation.findMany({ where: { documentId: { in: options.documents.map((d) => d.id) } }, select: { documentId: true, start: true, end: true } });
    const spanKey = (documentId: string, start: number, end: number) => `${documentId}:${start}:${end}`;
    const takenKeys = new Set(taken.map((a) => spanKey(a.documentId, a.start, a.end)));
    const rows = located
      .filter((a) => !takenKeys.has(spanKey(a.document.id, a.start, a.end)))
      .map((a) => {
        const { prefix, suffix } = quoteSelector(a.document.text, a);
        const fields = {
          start: a.start,
          end: a.end,
          exact: a.quote,
          sourceId: known.get(DEMO_SOURCES[a.source].title) ?? null,
          locator: a.locator ?? "",
          attributionText: a.attributionText,
          status: "UNVERIFIED" as const,
          note: "",
          assigneeId: null,
          onChecklist: false,
          signOff: "NONE" as const,
          verdictById: null,
          signedOffById: null,
          signOffNote: "",
        };
        const row = { id: randomUUID(), workspaceId, documentId: a.document.id, documentRevision: a.document.revision, prefix, suffix, createdById: actorId, updatedById: actorId, ...fields };
        return { row, after: snapshotOf({ ...fields, deletedAt: null }) };
      });
    if (rows.length) {
      await tx.annotation.createMany({ data: rows.map((r) => r.row) });
      await tx.annotationEvent.createMany({
        data: rows.map(({ row, after }) => ({ annotationId: row.id, workspaceId, documentId: row.documentId, type: "CREATED" as const, actorId, version: 1, after })),
      });
    }
    return { createdSources: newSources.length, createdAnnotations: rows.length };
  });
}
