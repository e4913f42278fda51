/**
 * A web page's article as lines of text, with the page's own metadata. The article is what
 * Mozilla Readability (Firefox's reader view) finds; menus, cookie banners, sidebars and footers
 * are not part of it. Pure: no network, no database.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { decodeHtml } from "@/lib/intake/html-charset";
import { blockLines, collapse } from "@/lib/intake/html-lines";
import { pageMetadata } from "@/lib/intake/html-meta";
import { IntakeError, reasonOf, type TFormatResult } from "@/lib/intake/types";

/**
 * Readability's own bar for an article (its default charThreshold): below it, Readability has
 * given up and returns its longest attempt, which is no better than the page minus its chrome.
 */
const ARTICLE_MIN_CHARS = 500;

/** Elements of a page that are never the document, in the whole-page fallback. */
const CHROME_TAGS = new Set(["NAV", "HEADER", "FOOTER", "ASIDE", "FORM", "NOSCRIPT", "SCRIPT", "STYLE"]);
const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"]);
/** Class and id words of chrome (after Readability's own "unlikely candidates" list). */
const CHROME_NAMES = /\b(cookie|consent|gdpr|banner|newsletter|subscribe|share|sharing|social|related|promo|advert|ads?|sidebar|menu|breadcrumbs?|popup|modal|skip)\b/i;
/** Readability's "maybe a candidate" words: a "main-content has-sidebar" wrapper is content. */
const MAYBE_CONTENT = /\b(article|column|content|main|story|post|entry)\b/i;

export type THtmlInput = { bytes: Uint8Array; contentType?: string; sourceUrl?: string };

export function extractHtml({ bytes, contentType, sourceUrl }: THtmlInput): TFormatResult {
  const html = withBody(decodeHtml(bytes, contentType));
  let page: Document;
  let copy: Document;
  try {
    // Readability rewrites the document it reads, so it gets its own parse of the page.
    page = parseHTML(html).document as unknown as Document;
    copy = parseHTML(html).document as unknown as Document;
  } catch (error) {
    throw new IntakeError(422, "damaged", `The web page could not be read: ${reasonOf(error)}`, { cause: error });
  }

  let article: ReturnType<Readability<Node>["parse"]> = null;
  try {
    article = new Readability<Node>(copy, { serializer: (node) => node }).parse();
  } catch {
    article = null; // a page Readability cannot walk gets the whole-page fallback
  }
  const meta = pageMetadata(page, article, sourceUrl);
  const articleLines = article?.content ? blockLines(article.content) : null;
  const articleChars = articleLines ? articleLines.lines.join(" ").length : 0;

  if (articleLines && articleChars >= ARTICLE_MIN_CHARS) {
    const lines = withHeadline(articleLines.lines, page, meta.title, meta.metadata.publisher);
    return { text: lines.join("\n"), title: meta.title, firstHeading: articleLines.firstHeading ?? lines[0] ?? null, metadata: meta.metadata };
  }

  const body = page.body ?? page.documentElement;
  const whole = body ? blockLines(body, { skip: isChrome }) : { lines: [], firstHeading: null };
  return {
    text: whole.lines.join("\n"),
    title: meta.title,
    firstHeading: whole.firstHeading,
    metadata: meta.metadata,
    warnings: [
      {
        code: "fallback-extraction",
        message: "No article was found on this page, so the text of the whole page was taken (menus, headers and footers left out). Check it before importing.",
      },
    ],
    stats: { fallback: true },
  };
}

/**
 * linkedom does not build the <html> and <body> that HTML5 parsing implies (a fragment, or a page
 * that omits the tags, would end up outside an empty <body>), so a page without <body> is given
 * one, keeping the attributes of its <html> (its lang).
 */
export function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const attributes = /<html(\s[^>]*)?>/i.exec(html)?.[1] ?? "";
  const content = html.replace(/^\s*<!doctype[^>]*>/i, "").replace(/<\/?(html|head)(\s[^>]*)?>/gi, "");
  return `<!doctype html><html${attributes}><head></head><body>${content}</body></html>`;
}

function isChrome(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  if (CHROME_TAGS.has(tag)) return true;
  if (tag === "MAIN" || tag === "ARTICLE") return false;
  if (CHROME_ROLES.has((element.getAttribute("role") ?? "").toLowerCase())) return true;
  const names = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`.replace(/[_-]/g, " ");
  return CHROME_NAMES.test(names) && !MAYBE_CONTENT.test(names);
}

/**
 * Readability drops a heading that repeats the page title; the headline is part of what a
 * fact-checker reviews, so it is put back as the first line. The article's own <h1> is preferred
 * to the page's first, which may be the site's logo (never taken: it is the publisher's name).
 */
function withHeadline(lines: string[], page: Document, title: string | null, publisher: string | null): string[] {
  const h1 = page.querySelector("article h1") ?? page.querySelector("main h1") ?? page.querySelector("h1");
  const headline = h1 ? collapse(h1.textContent ?? "") : "";
  if (!headline || lines.includes(headline) || headline.toLowerCase() === publisher?.toLowerCase()) return lines;
  const a = headline.toLowerCase();
  const b = (title ?? "").toLowerCase();
  return b && (a.includes(b) || b.includes(a)) ? [headline, ...lines] : lines;
}
