/**
 * schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview), one per annotation with a
 * verdict (lib/statuses VERDICTS); annotations still unverified or in progress are left out.
 *
 * What is reviewed is the document's claim that a source says something. So:
 * - itemReviewed is a Claim whose `appearance` is the document: its title, and its address where
 *   it was taken from (its original URL), else its page here. The claim's `author` is whoever
 *   wrote the document: its authors (as Persons), else its publisher (an Organization), else left
 *   out; its `datePublished` is the document's. The claimed source is the claim's `citation`
 *   (what it cites), not its author or `firstAppearance`: for a misattributed or contradicted
 *   claim the source is exactly where the claim did not come from.
 * - reviewRating.ratingValue is on a 1–5 scale, worst to best (RATING_SCALE); alternateName is the
 *   status label and ratingExplanation its meaning. The team's note is not published: ClaimReview
 *   is for readers, and notes are written for the desk.
 * - author is the workspace (the desk that checked); datePublished is when the verdict was signed
 *   off, else when it was given.
 * Pure.
 */
import { excerpt } from "@/lib/comments/schemas";
import type { TRenderer } from "@/lib/exports/types";
import { reportNoteUrl } from "@/lib/exports/urls";
import type { TReport, TReportAnnotation, TReportDocument } from "@/lib/reports/schemas";
import type { TSource, TSourceKind } from "@/lib/sources/schemas";
import { isVerdict, STATUS_INFO, type TStatus } from "@/lib/statuses";

/** At most this many characters (code points) of the quote, with an ellipsis when cut. */
export const CLAIM_MAX_LENGTH = 75;

/**
 * 1 = Contradicted (the source says otherwise), 2 = Misattributed (it does not say this),
 * 3 = Source not found (neither confirmed nor refuted), 4 = Partly verified, 5 = Verified.
 */
export const RATING_SCALE = { worstRating: 1, bestRating: 5 } as const;
export const RATING_VALUES: Record<Exclude<TStatus, "UNVERIFIED" | "IN_PROGRESS">, number> = {
  CONTRADICTED: 1,
  MISATTRIBUTED: 2,
  SOURCE_NOT_FOUND: 3,
  PARTLY_VERIFIED: 4,
  VERIFIED: 5,
};

const SCHEMA_TYPES: Record<TSourceKind, string> = {
  BOOK: "Book",
  REPORT: "Report",
  NEWS_ARTICLE: "NewsArticle",
  MAGAZINE_ARTICLE: "Article",
  LEGAL_DOCUMENT: "Legislation",
  INTERVIEW_OR_STATEMENT: "CreativeWork",
  SPEECH: "CreativeWork",
  VIDEO: "VideoObject",
  WEBSITE: "WebPage",
  OTHER: "CreativeWork",
};

function citation(source: TSource) {
  const author = source.authors.map((a) => ("literal" in a ? { "@type": "Organization", name: a.literal } : { "@type": "Person", name: a.given ? `${a.given} ${a.family}` : a.family }));
  return {
    "@type": SCHEMA_TYPES[source.kind],
    name: source.title,
    ...(author.length ? { author } : {}),
    ...(source.issued ? { datePublished: source.issued } : {}),
    ...(source.url ? { url: source.url } : {}),
  };
}

/** Who made the claim and when, as far as the document says: its authors, else its publisher. */
function claimant(document: TReportDocument) {
  const { authors, publisher, datePublished } = document.provenance.metadata;
  const author = authors.length ? authors.map((name) => ({ "@type": "Person", name })) : publisher ? [{ "@type": "Organization", name: publisher }] : [];
  return { ...(author.length ? { author } : {}), ...(datePublished ? { datePublished } : {}) };
}

export function toClaimReview(report: TReport, document: TReportDocument, a: TReportAnnotation & { status: keyof typeof RATING_VALUES }) {
  const info = STATUS_INFO[a.status];
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: reportNoteUrl(report, document, a),
    claimReviewed: excerpt(a.exact, CLAIM_MAX_LENGTH),
    itemReviewed: {
      "@type": "Claim",
      appearance: { "@type": "CreativeWork", url: document.provenance.metadata.originalUrl ?? document.url, name: document.title },
      ...claimant(document),
      ...(a.source ? { citation: citation(a.source) } : {}),
    },
    reviewRating: {
      "@type": "Rating",
      ratingValue: RATING_VALUES[a.status],
      ...RATING_SCALE,
      alternateName: info.label,
      ratingExplanation: info.meaning,
    },
    author: { "@type": "Organization", name: report.workspace.name },
    datePublished: a.signedOffAt ?? a.verdictAt ?? a.updatedAt,
  };
}

export function toClaimReviews(report: TReport) {
  return report.documents.flatMap((d) =>
    d.annotations.filter((a): a is TReportAnnotation & { status: keyof typeof RATING_VALUES } => isVerdict(a.status)).map((a) => toClaimReview(report, d, a)),
  );
}

export const renderClaimReview: TRenderer = async (report) => ({
  body: `${JSON.stringify(toClaimReviews(report), null, 2)}\n`,
  contentType: "application/ld+json; charset=utf-8",
  extension: "claimreview.jsonld",
});
