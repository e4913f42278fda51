/**
 * A small report for the renderers' tests: two documents (a pasted text, and a PDF in Russian
 * with its pages and provenance), annotations in five statuses, a note that looks like a formula,
 * quotes with astral characters and commas, evidence, a chain and comments. Pure data; not a test
 * file itself.
 */
import type { TPerson } from "@/lib/annotations/schemas";
import { spanPages } from "@/lib/documents/pages";
import type { TDocumentProvenance } from "@/lib/documents/queries";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import { PASTED } from "@/lib/reports/test-report";
import { sourceLabel } from "@/lib/sources/label";
import type { TSource } from "@/lib/sources/schemas";
import { STATUSES, type TStatus } from "@/lib/statuses";
import { testSource } from "@/lib/testing/sources";

export const ORIGIN = "https://provenant.example";

const alice: TPerson = { id: "u-alice", name: "Alice Reviewer", email: "alice@example.test" };
const bob: TPerson = { id: "u-bob", name: "Bob Editor", email: "bob@example.test" };

function source(fields: Partial<TSource> & Pick<TSource, "id" | "title" | "kind">): TSource {
  return testSource({ workspaceId: "ws-1", createdAt: "2026-01-02T10:00:00.000Z", updatedAt: "2026-01-02T10:00:00.000Z", ...fields });
}

export const MEMORIAL = source({
  id: "src-memorial",
  kind: "REPORT",
  title: "Report on Massive Human Rights Violations in Khojaly",
  authors: [{ literal: "Memorial Human Rights Centre" }],
  issued: "1992",
  url: "https://memo.example/khojaly",
});
export const DE_WAAL = source({
  id: "src-dewaal",
  kind: "BOOK",
  title: "Black Garden: Armenia and Azerbaijan through Peace and War",
  authors: [{ family: "de Waal", given: "Thomas" }],
  publisher: "NYU Press",
  issued: "2003-01",
});
export const NEWSWEEK = source({ id: "src-newsweek", kind: "NEWS_ARTICLE", title: "Massacre in the Caucasus", containerTitle: "Newsweek", issued: "1992-03-16" });

/** 80 code points, two of them astral (each two UTF-16 units): the ClaimReview cut must count code points. */
export const LONG_QUOTE = `𝔄 long quote 😀 ${"x".repeat(65)}`;

type TDraft = Partial<TReportAnnotation> & Pick<TReportAnnotation, "id" | "start" | "end" | "exact" | "status">;

/** `pageStarts`: the document's, from which the span's pages are worked out as the app does. */
function annotation(documentId: string, n: number, draft: TDraft, pageStarts: number[] = []): TReportAnnotation {
  const verdict = !["UNVERIFIED", "IN_PROGRESS"].includes(draft.status);
  return {
    documentId,
    workspaceId: "ws-1",
    documentRevision: 1,
    ...spanPages(pageStarts, draft.start, draft.end),
    prefix: "",
    suffix: "",
    source: null,
    locator: "",
    attributionText: "",
    note: "",
    version: 2,
    createdBy: alice,
    updatedBy: alice,
    createdAt: "2026-02-01T09:00:00.000Z",
    updatedAt: "2026-02-03T09:00:00.000Z",
    deletedAt: null,
    evidenceCount: 0,
    chain: [],
    assignee: null,
    onChecklist: false,
    verdictBy: verdict ? alice : null,
    verdictAt: verdict ? "2026-02-02T12:00:00.000Z" : null,
    signOff: verdict ? "AWAITING" : "NONE",
    signedOffBy: null,
    signedOffAt: null,
    signOffNote: "",
    commentCount: 0,
    threadResolved: false,
    n,
    orphaned: false,
    needsRecheck: false,
    anchorSimilarity: null,
    evidence: [],
    comments: [],
    ...draft,
  };
}

/** Three pages: "Мемориал " (p. 1), "сообщил 😀" and its space (p. 2), the rest (p. 3). */
export const RU_PAGE_STARTS = [0, 9, 19];
export const RU_PROVENANCE: TDocumentProvenance = {
  format: "pdf",
  pageStarts: RU_PAGE_STARTS,
  metadata: {
    authors: ["Олег Орлов", "Александр Черкасов"],
    publisher: "Правозащитный центр «Мемориал»",
    datePublished: "1992-03",
    originalUrl: "https://memo.example/doklad.pdf",
    retrievedAt: new Date("2026-01-15T09:30:00.000Z"),
    archivedUrl: "https://archive.example/memo/doklad.pdf",
    language: "ru",
  },
  metadataVersion: 2,
  original: { sha256: "ab".repeat(32), size: 1_234_567, mediaType: "application/pdf", fileName: "doklad.pdf" },
};

const campaignText = "Memorial reported 613 killed in Khojaly, \"according to\" Newsweek.\n";
const campaign: TReportDocument = {
  id: "doc-campaign",
  title: "Justice for Khojaly (campaign page)",
  url: `${ORIGIN}/documents/doc-campaign`,
  sha256: "0".repeat(64),
  length: campaignText.length,
  revision: 1,
  provenance: PASTED,
  text: campaignText,
  annotations: [
    annotation("doc-campaign", 1, {
      id: "a-verified",
      start: 0,
      end: 26,
      exact: "Memorial reported 613 kill",
      suffix: "ed in Khojaly",
      status: "VERIFIED",
      source: MEMORIAL,
      locator: "p. 4",
      note: "Checked against the scan.",
      evidenceCount: 1,
      assignee: alice,
      signOff: "CONFIRMED",
      signedOffBy: bob,
      signedOffAt: "2026-02-04T08:30:00.000Z",
      chain: [{ sourceId: DE_WAAL.id, title: DE_WAAL.title, label: sourceLabel(DE_WAAL), locator: "p. 170", note: "" }],
      evidence: [
        {
          id: "ev-1",
          annotationId: "a-verified",
          sourceId: MEMORIAL.id,
          source: MEMORIAL,
          locator: "p. 4",
          passage: "613 people were killed",
          passageTranslation: "",
          url: "https://memo.example/khojaly#p4",
          archivedUrl: "",
          accessedOn: "2026-02-02",
          stance: "SUPPORTS",
          note: "",
          version: 1,
          createdBy: alice,
          createdAt: "2026-02-02T11:00:00.000Z",
          updatedAt: "2026-02-02T11:00:00.000Z",
        },
      ],
      commentCount: 1,
      comments: [
        {
          id: "c-1",
          annotationId: "a-verified",
          author: bob,
          html: "<p>Looks right.</p>",
          text: "Looks right.",
          version: 1,
          createdAt: "2026-02-03T10:00:00.000Z",
          editedAt: null,
          deletedAt: null,
        },
      ],
    }),
    annotation("doc-campaign", 2, {
      id: "a-contradicted",
      start: 41,
      end: 55,
      exact: '"according to"',
      prefix: "in Khojaly, ",
      suffix: " Newsweek.",
      status: "CONTRADICTED",
      source: NEWSWEEK,
      note: "=1+1",
      evidenceCount: 1,
    }),
    annotation("doc-campaign", 3, {
      id: "a-unverified",
      start: 56,
      end: 64,
      exact: "Newsweek",
      status: "UNVERIFIED",
      note: 'Says "Newsweek", not Time;\nask the desk, then decide.',
    }),
  ],
};

const russianText = "Мемориал сообщил 😀 о погибших. ";
const russian: TReportDocument = {
  id: "doc-ru",
  title: "Доклад «Мемориала»",
  url: `${ORIGIN}/documents/doc-ru`,
  sha256: "1".repeat(64),
  length: Array.from(russianText).length,
  revision: 3,
  provenance: RU_PROVENANCE,
  text: null,
  // a-ru crosses from page 1 to page 2; the others are on page 3.
  annotations: [
    annotation("doc-ru", 1, { id: "a-ru", start: 0, end: 18, exact: "Мемориал сообщил 😀", status: "PARTLY_VERIFIED", source: DE_WAAL, locator: "с. 12", evidenceCount: 1 }, RU_PAGE_STARTS),
    annotation("doc-ru", 2, { id: "a-long", start: 19, end: 99, exact: LONG_QUOTE, status: "SOURCE_NOT_FOUND", signOff: "RETURNED", signOffNote: "Look again" }, RU_PAGE_STARTS),
    annotation("doc-ru", 3, { id: "a-progress", start: 20, end: 28, exact: "погибших", status: "IN_PROGRESS", assignee: bob }, RU_PAGE_STARTS),
    annotation("doc-ru", 4, { id: "a-orphan", start: 0, end: 5, exact: "Пропавшая цитата", status: "UNVERIFIED", orphaned: true }, RU_PAGE_STARTS),
  ],
};

function counts(list: TReportAnnotation[]): Record<TStatus, number> {
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TStatus, number>;
  for (const a of list) out[a.status]++;
  return out;
}

/** A workspace report over both documents, comments included. */
export function fixtureReport(): TReport {
  const all = [...campaign.annotations, ...russian.annotations];
  const cited = [MEMORIAL, NEWSWEEK, DE_WAAL].map((s) => {
    const citing = all.filter((a) => a.source?.id === s.id);
    return { source: s, total: citing.length, byStatus: counts(citing) };
  });
  return {
    generatedAt: "2026-03-01T12:00:00.000Z",
    origin: ORIGIN,
    workspace: { id: "ws-1", name: "Khojaly desk" },
    reviewers: [alice, bob],
    documents: structuredClone([campaign, russian]),
    summary: { total: all.length, byStatus: counts(all), sources: cited, openQuestions: 3 },
    options: { includeText: true, includeComments: true },
  };
}
