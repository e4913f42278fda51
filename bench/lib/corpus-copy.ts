/**
 * The corpus document the browser and export benches annotate (the 195 KB compilation of the demo
 * workspace), copied so that each bench annotates its own copy, and the annotation rows of its spans.
 */
import { quoteSelector } from "../../lib/anchoring/selectors";
import { codePointLength, sha256Hex } from "../../lib/documents/text";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { DEMO_WORKSPACE } from "../../prisma/demo";
import type { TSpan } from "./spans";

export const CORPUS_TITLE = "Khojaly Genocide (Presidential Library compilation)";

export type TCorpusDocument = { workspaceId: string; text: string; sha256: string; length: number };
type TCopy = { id: string; revision: number };

export function corpusDocument(prisma: PrismaClient): Promise<TCorpusDocument> {
  return prisma.document.findFirstOrThrow({
    where: { title: CORPUS_TITLE, workspace: { name: DEMO_WORKSPACE } },
    select: { workspaceId: true, text: true, sha256: true, length: true },
  });
}

/** The corpus text `times` over, one copy after the other each from a new line (a long document of real prose). */
export function repeatedCorpus(original: TCorpusDocument, times: number): TCorpusDocument {
  const once = original.text.endsWith("\n") ? original.text : `${original.text}\n`;
  const text = once.repeat(times);
  return { workspaceId: original.workspaceId, text, sha256: sha256Hex(text), length: codePointLength(text) };
}

/** A copy of the corpus document titled "<corpus title> (<label>)". */
export function copyCorpus(prisma: PrismaClient, original: TCorpusDocument, options: { label: string; createdById: string }): Promise<TCopy> {
  return prisma.document.create({ data: { ...original, title: `${CORPUS_TITLE} (${options.label})`, createdById: options.createdById }, select: { id: true, revision: true } });
}

/** The columns every bench annotation of a span has: where it is, its quote selector and its status. */
export function spanRow(original: TCorpusDocument, copy: TCopy, span: TSpan) {
  return {
    workspaceId: original.workspaceId,
    documentId: copy.id,
    documentRevision: copy.revision,
    start: span.start,
    end: span.end,
    ...quoteSelector(original.text, span, original.length),
    status: span.status,
  };
}
