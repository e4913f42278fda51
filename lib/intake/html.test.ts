import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  attributionSentences,
  CHROME_STRINGS,
  CORPUS_FILES,
  corpusText,
  htmlPageWithChrome,
  htmlPageWithoutArticle,
} from "@/e2e/fixtures/intake-fixtures";
import { extractDocument } from "./extract";
import { blockLines } from "./html-lines";

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
const encode = (html: string) => new TextEncoder().encode(html);
const linesOf = (html: string) => blockLines(parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body as unknown as Node);

describe("blockLines", () => {
  it("makes one line of each heading, paragraph, list item, blockquote and table row", () => {
    const { lines, firstHeading } = linesOf(`
      <h2>The   assault</h2>
      <p>On the night of <b>25–26</b>
         February 1992 the town was taken.</p>
      <ul><li>613 killed</li><li>  <em>487</em> wounded </li></ul>
      <blockquote>“Many were killed at close range.”</blockquote>
      <table><tr><th>Source</th><th>Figure</th></tr><tr><td>Memorial</td><td>200+</td></tr></table>
      <p>   </p>`);
    expect(lines).toEqual([
      "The assault",
      "On the night of 25–26 February 1992 the town was taken.",
      "613 killed",
      "487 wounded",
      "“Many were killed at close range.”",
      "Source | Figure",
      "Memorial | 200+",
    ]);
    expect(firstHeading).toBe("The assault");
  });

  it("keeps the whitespace of pre blocks, breaks at <br> and leaves out scripts and hidden elements", () => {
    const { lines } = linesOf(`<pre>
  col1   col2
  a      b</pre><p>line one<br>line two</p><script>var x = 1;</script><p hidden>hidden</p><p style="display: none">none</p>`);
    expect(lines).toEqual(["  col1   col2\n  a      b", "line one", "line two"]);
  });

  it("walks a layout table's cells as blocks rather than one row", () => {
    expect(linesOf(`<table><tr><td><p>First paragraph.</p><p>Second.</p></td><td><p>Side</p></td></tr></table>`).lines).toEqual([
      "First paragraph.",
      "Second.",
      "Side",
    ]);
  });
});

describe("extracting a news page", () => {
  for (const file of [CORPUS_FILES.interview, CORPUS_FILES.campaign]) {
    it(`keeps every attribution sentence of ${file} and none of the page's chrome`, async () => {
      const text = corpusText(file);
      const sentences = attributionSentences(text);
      expect(sentences.length).toBeGreaterThan(3);
      const page = htmlPageWithChrome(text, { title: "Khojaly: 33 years on" });
      const result = await extractDocument({ bytes: encode(page), fileName: "khojaly.html" });

      const extracted = collapse(result.text);
      for (const sentence of sentences) expect(extracted).toContain(sentence);
      for (const chrome of CHROME_STRINGS) expect(result.text).not.toContain(chrome);
      expect(result.stats.fallback).toBe(false);
      expect(result.warnings).toEqual([]);
      expect(result.text.split("\n")[0]).toBe("Khojaly: 33 years on"); // the headline Readability drops is put back
      expect(result.text).not.toMatch(/\n\n/);
    });
  }

  it("reads the page's metadata back", async () => {
    const page = htmlPageWithChrome(corpusText(CORPUS_FILES.statement), {
      title: "The Khojaly genocide",
      siteName: "Caspian Daily",
      published: "2025-02-24T08:30:00Z",
      author: "Leyla Mammadova and Rashad Aliyev",
      lang: "en-GB",
      canonical: "/news/khojaly-statement",
    });
    const result = await extractDocument({ bytes: encode(page), sourceUrl: "https://caspian-daily.example/amp/khojaly?ref=home" });
    expect(result).toMatchObject({
      format: "html",
      mediaType: "text/html",
      title: "The Khojaly genocide",
      metadata: {
        authors: ["Leyla Mammadova", "Rashad Aliyev"],
        publisher: "Caspian Daily",
        datePublished: "2025-02-24T08:30:00Z",
        url: "https://caspian-daily.example/news/khojaly-statement",
        language: "en-GB",
      },
    });
  });
});

describe("a page without an article", () => {
  it("falls back to the whole body, without menus, footers or scripts, and says so", async () => {
    const result = await extractDocument({ bytes: encode(htmlPageWithoutArticle()), fileName: "index.html" });
    expect(result.stats.fallback).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ code: "fallback-extraction", message: expect.stringContaining("No article was found") })]);
    expect(result.text).toBe(
      ["Archive of statements, February 1992", "Statement of 26 February 1992", "Statement of 27 February 1992", "Date | Place", "26.02.1992 | Khojaly"].join("\n"),
    );
    expect(result.title).toBe("Archive index");
  });
});

describe("character sets", () => {
  it("decodes a page in the charset its <meta> declares", async () => {
    const html = `<html><head><meta charset="windows-1251"><title>Ходжалы</title></head><body><p>Ходжалинская трагедия</p></body></html>`;
    const bytes = new Uint8Array(Array.from(html, (c) => (c.charCodeAt(0) >= 0x410 ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))));
    const result = await extractDocument({ bytes, fileName: "page.html" });
    expect(result.title).toBe("Ходжалы");
    expect(result.text).toBe("Ходжалинская трагедия");
  });

  it("reads undeclared non-UTF-8 bytes as windows-1252, as browsers do", async () => {
    const bytes = new Uint8Array([...encode("<html><body><p>Caf"), 0xe9, ...encode(" de la Paix</p></body></html>")]);
    expect((await extractDocument({ bytes })).text).toBe("Café de la Paix");
  });
});

describe("the headline", () => {
  it("is the article's <h1>, not a logo heading with the site's name", async () => {
    const text = corpusText(CORPUS_FILES.statement);
    const page = htmlPageWithChrome(text, { title: "The Khojaly genocide" })
      .replace(/<title>.*<\/title>/, "<title>The Khojaly genocide | Caspian Daily</title>")
      .replace('<meta property="og:title" content="The Khojaly genocide">', "")
      .replace(/<a class="logo" href="\/">Caspian Daily<\/a>/, "<h1>Caspian Daily</h1>");
    const result = await extractDocument({ bytes: encode(page) });
    expect(result.text.split("\n")[0]).toBe("The Khojaly genocide");
    expect(result.text).not.toContain("Caspian Daily");
  });
});

describe("pages without <html> or <body>", () => {
  it("reads a fragment and a page that leaves the tags implied, keeping its language", async () => {
    const fragment = await extractDocument({ bytes: encode(`<div class="story"><h2>Khojaly</h2><p>Text with <a href="/x">a link</a>.</p></div>`) });
    expect(fragment).toMatchObject({ format: "html", title: "Khojaly", text: "Khojaly\nText with a link." });
    const implied = await extractDocument({ bytes: encode(`<!doctype html><html lang="az"><title>Xocalı</title><h1>Xocalı soyqırımı</h1><p>Mətn.</p></html>`) });
    expect(implied).toMatchObject({ title: "Xocalı", text: "Xocalı soyqırımı\nMətn.", metadata: { language: "az" } });
  });
});

describe("a short article", () => {
  it("is below Readability's bar, so the page is taken whole, still without its chrome", async () => {
    const page = htmlPageWithChrome("Khojaly was taken on the night of 25 to 26 February 1992, the agency reported.", { title: "Brief" });
    const result = await extractDocument({ bytes: encode(page) });
    expect(result.stats.fallback).toBe(true);
    expect(result.text).toContain("Khojaly was taken on the night of 25 to 26 February 1992, the agency reported.");
    for (const chrome of CHROME_STRINGS) expect(result.text).not.toContain(chrome);
  });
});
