import { describe, expect, it } from "vitest";
import { CLAIM_MAX_LENGTH, RATING_VALUES, renderClaimReview, toClaimReviews } from "@/lib/exports/claimreview";
import { DE_WAAL, fixtureReport, LONG_QUOTE, ORIGIN } from "@/lib/exports/report-fixture";
import { STATUS_INFO, VERDICTS } from "@/lib/statuses";

describe("ClaimReview export", () => {
  it("reviews only annotations with a verdict", async () => {
    const file = await renderClaimReview(fixtureReport());
    expect(file).toMatchObject({ contentType: "application/ld+json; charset=utf-8", extension: "claimreview.jsonld" });
    const reviews = JSON.parse(String(file.body)) as { reviewRating: { alternateName: string } }[];
    expect(reviews.map((r) => r.reviewRating.alternateName)).toEqual(["Verified", "Contradicted", "Partly verified", "Source not found"]);
  });

  it("says what was claimed where, how it was rated on the scale, by whom and when", () => {
    const [verified, contradicted] = toClaimReviews(fixtureReport());
    expect(verified).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `${ORIGIN}/documents/doc-campaign/report#note-1-1`,
      claimReviewed: "Memorial reported 613 kill",
      itemReviewed: {
        "@type": "Claim",
        appearance: { "@type": "CreativeWork", url: `${ORIGIN}/documents/doc-campaign`, name: "Justice for Khojaly (campaign page)" },
        citation: {
          "@type": "Report",
          name: "Report on Massive Human Rights Violations in Khojaly",
          author: [{ "@type": "Organization", name: "Memorial Human Rights Centre" }],
          datePublished: "1992",
          url: "https://memo.example/khojaly",
        },
      },
      reviewRating: { "@type": "Rating", ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: "Verified", ratingExplanation: STATUS_INFO.VERIFIED.meaning },
      author: { "@type": "Organization", name: "Khojaly desk" },
      datePublished: "2026-02-04T08:30:00.000Z",
    });
    // Not signed off yet: dated by the verdict. The internal note ("=1+1") is not published.
    expect(contradicted.datePublished).toBe("2026-02-02T12:00:00.000Z");
    expect(contradicted.reviewRating).toMatchObject({ ratingValue: 1, ratingExplanation: STATUS_INFO.CONTRADICTED.meaning });
    expect(JSON.stringify(contradicted)).not.toContain("=1+1");
  });

  it("names who made the claim and when from the document's metadata, and where it appeared from its original URL", () => {
    const report = fixtureReport();
    const partly = toClaimReviews(report).find((r) => r.reviewRating.alternateName === "Partly verified")!;
    expect(partly.itemReviewed).toEqual({
      "@type": "Claim",
      appearance: { "@type": "CreativeWork", url: "https://memo.example/doklad.pdf", name: "Доклад «Мемориала»" },
      author: [
        { "@type": "Person", name: "Олег Орлов" },
        { "@type": "Person", name: "Александр Черкасов" },
      ],
      datePublished: "1992-03",
      citation: expect.objectContaining({ "@type": "Book", name: DE_WAAL.title }),
    });
    // No authors: the publisher, as an organisation.
    report.documents[1].provenance.metadata.authors = [];
    const byPublisher = toClaimReviews(report).find((r) => r.reviewRating.alternateName === "Partly verified")!;
    expect(byPublisher.itemReviewed.author).toEqual([{ "@type": "Organization", name: "Правозащитный центр «Мемориал»" }]);
    // Neither: no author at all (the desk that reviewed it is the review's author, not the claim's).
    report.documents[1].provenance.metadata.publisher = null;
    expect(toClaimReviews(report).find((r) => r.reviewRating.alternateName === "Partly verified")!.itemReviewed).not.toHaveProperty("author");
  });

  it("cuts the quote to 75 characters counted in code points, with an ellipsis", () => {
    const reviews = toClaimReviews(fixtureReport());
    const long = reviews.find((r) => r.reviewRating.alternateName === "Source not found")!;
    expect(Array.from(LONG_QUOTE)).toHaveLength(80);
    const chars = Array.from(long.claimReviewed);
    expect(chars).toHaveLength(CLAIM_MAX_LENGTH);
    expect(chars.at(-1)).toBe("…");
    expect(long.claimReviewed.startsWith("𝔄 long quote 😀 xxx")).toBe(true);
    // A quote of exactly 75 code points (more UTF-16 units) is kept whole.
    const report = fixtureReport();
    report.documents[1].annotations[1].exact = Array.from(LONG_QUOTE).slice(0, 75).join("");
    const exact = toClaimReviews(report).find((r) => r.reviewRating.alternateName === "Source not found")!;
    expect(exact.claimReviewed).toBe(Array.from(LONG_QUOTE).slice(0, 75).join(""));
    expect(exact.claimReviewed.length).toBe(77);
  });

  it("rates every verdict on one 1-5 scale, worst to best", () => {
    expect(Object.keys(RATING_VALUES).sort()).toEqual([...VERDICTS].sort());
    expect(Object.entries(RATING_VALUES).sort((a, b) => a[1] - b[1]).map(([s]) => s)).toEqual(["CONTRADICTED", "MISATTRIBUTED", "SOURCE_NOT_FOUND", "PARTLY_VERIFIED", "VERIFIED"]);
  });
});
