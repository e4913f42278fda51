import "server-only";
import { requireMember } from "@/lib/access";
import { db } from "@/lib/db";
import { labelOfRow, labelSelect } from "@/lib/sources/present";
import type { TStatus } from "@/lib/statuses";

export type TCitingAnnotation = { id: string; exact: string; locator: string; status: TStatus; start: number };
export type TCitingDocument = { documentId: string; title: string; annotations: TCitingAnnotation[] };
export type TSecondHandCitation = TCitingAnnotation & {
  documentId: string;
  documentTitle: string;
  /** The label of the source the annotation claims directly, if any. */
  claimedLabel: string | null;
  /** The attribution chain's sources in order, this document's end first, by label. */
  chain: { sourceId: string; label: string; locator: string }[];
};
export type TSourceCitations = {
  documents: TCitingDocument[];
  statusCounts: Partial<Record<TStatus, number>>;
  secondHand: TSecondHandCitation[];
};

/** Live annotations on live documents of the workspace. */
const live = (workspaceId: string) => ({ workspaceId, deletedAt: null, document: { deletedAt: null } }) as const;

const citingSelect = { id: true, exact: true, locator: true, status: true, start: true, documentId: true, document: { select: { title: true } } } as const;

/**
 * Where a source is cited across the workspace: annotations that claim it, grouped by document
 * (documents by title, annotations in reading order), their counts per status, and, apart,
 * annotations whose attribution chain passes through it. The caller has loaded the source through
 * visibleSources; membership is checked again here because this reads annotations.
 */
export async function listSourceCitations(options: { userId: string; workspaceId: string; sourceId: string }): Promise<TSourceCitations> {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId });
  const [direct, viaChain] = await Promise.all([
    db().annotation.findMany({
      where: { ...live(options.workspaceId), sourceId: options.sourceId },
      orderBy: [{ document: { title: "asc" } }, { documentId: "asc" }, { start: "asc" }, { id: "asc" }],
      select: citingSelect,
    }),
    db().annotation.findMany({
      where: { ...live(options.workspaceId), chain: { some: { sourceId: options.sourceId } } },
      orderBy: [{ document: { title: "asc" } }, { documentId: "asc" }, { start: "asc" }, { id: "asc" }],
      select: {
        ...citingSelect,
        source: { select: labelSelect },
        chain: { orderBy: { position: "asc" }, select: { sourceId: true, locator: true, source: { select: labelSelect } } },
      },
    }),
  ]);

  const documents: TCitingDocument[] = [];
  const statusCounts: Partial<Record<TStatus, number>> = {};
  for (const a of direct) {
    let group = documents.at(-1);
    if (group?.documentId !== a.documentId) documents.push((group = { documentId: a.documentId, title: a.document.title, annotations: [] }));
    group.annotations.push({ id: a.id, exact: a.exact, locator: a.locator, status: a.status, start: a.start });
    statusCounts[a.status] = (statusCounts[a.status] ?? 0) + 1;
  }
  const secondHand = viaChain.map((a) => ({
    id: a.id,
    exact: a.exact,
    locator: a.locator,
    status: a.status,
    start: a.start,
    documentId: a.documentId,
    documentTitle: a.document.title,
    claimedLabel: a.source ? labelOfRow(a.source) : null,
    chain: a.chain.map((hop) => ({ sourceId: hop.sourceId, label: labelOfRow(hop.source), locator: hop.locator })),
  }));
  return { documents, statusCounts, secondHand };
}
