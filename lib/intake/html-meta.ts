/**
 * A web page's provenance from its own markup: Open Graph and article:* properties, the usual
 * <meta name> fields, <link rel=canonical>, <html lang>, and what Readability read from JSON-LD
 * and bylines. Pure.
 */
import { cleanValue, isoDate, splitAuthors } from "@/lib/intake/metadata";
import type { TIntakeMetadata } from "@/lib/intake/types";

type TArticle = { title?: string | null; byline?: string | null; siteName?: string | null; publishedTime?: string | null; lang?: string | null } | null;

export type TPageMetadata = { title: string | null; metadata: TIntakeMetadata };

export function pageMetadata(page: Document, article: TArticle, sourceUrl?: string): TPageMetadata {
  const meta = metaValues(page);
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)?.[0]).find((v) => v) ?? null;
  const title = cleanValue(first("og:title", "twitter:title", "dc.title")) ?? cleanValue(article?.title) ?? cleanValue(page.querySelector("title")?.textContent);

  const metaAuthors = splitAuthors(...(meta.get("author") ?? []), ...(meta.get("article:author") ?? []), ...(meta.get("dc.creator") ?? []));
  const time = page.querySelector("article time[datetime]") ?? page.querySelector("time[datetime]");
  const datePublished =
    isoDate(first("article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.created", "datepublished", "pubdate", "publish-date")) ??
    isoDate(article?.publishedTime) ??
    isoDate(time?.getAttribute("datetime"));

  return {
    title,
    metadata: {
      authors: metaAuthors.length ? metaAuthors : splitAuthors(article?.byline),
      publisher: cleanValue(first("og:site_name", "application-name", "publisher")) ?? cleanValue(article?.siteName),
      datePublished,
      url: httpUrl(page.querySelector('link[rel~="canonical"]')?.getAttribute("href"), sourceUrl) ?? httpUrl(first("og:url"), sourceUrl),
      language:
        cleanValue(page.documentElement?.getAttribute("lang")) ??
        cleanValue(first("content-language")) ??
        cleanValue(article?.lang),
    },
  };
}

/** Every <meta> content by its lower-cased name, property, itemprop or http-equiv, in document order. */
function metaValues(page: Document): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const element of Array.from(page.querySelectorAll("meta"))) {
    const content = element.getAttribute("content");
    if (!content?.trim()) continue;
    for (const attribute of ["name", "property", "itemprop", "http-equiv"]) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (key) values.set(key, [...(values.get(key) ?? []), content]);
    }
  }
  return values;
}

/** An absolute http(s) URL, a relative one resolved against the page's address; anything else is dropped. */
function httpUrl(value: string | null | undefined, base?: string): string | null {
  const clean = cleanValue(value);
  if (!clean) return null;
  try {
    const url = new URL(clean, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
