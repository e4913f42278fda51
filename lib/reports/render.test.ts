import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { testSource } from "@/lib/testing/sources";
import { renderHtml } from "./render-html";
import { renderMarkdown } from "./render-md";
import { renderPdf } from "./render-pdf";
import { testProvenance, testReport } from "./test-report";

/*
 * One small report with everything that can go wrong: markup and Markdown syntax in the text,
 * the notes and a source title; a span nested in another and one crossing it; Cyrillic letters
 * inside English words; an orphaned annotation.
 */
const TEXT = [
  "Memorial <script>alert(1)</script> reported “613” killed in Khojaly, Аzerbaijan.",
  "",
  "# Not a heading *nor bold* [a](link) & 1 + 1",
  "1. Not a list",
].join("\n");
const at = (needle: string) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;

function report(options: { comments?: boolean; text?: boolean } = {}) {
  const memorial = testSource({ title: "Memorial <b>HRC</b> report", kind: "REPORT", authors: [{ literal: "Memorial Human Rights Centre" }], issued: "1992", url: "https://memo.example/report?a=1&b=2" });
  return testReport({
    options: { includeComments: options.comments ?? false, includeText: options.text ?? true },
    documents: [
      {
        title: "Justice <i>for</i> Khojaly",
        text: TEXT,
        spans: [
          // 1: the outer span, 2: nested at its start, 3: crossing its end.
          { start: 0, end: at(" reported") + 9, status: "CONTRADICTED", source: memorial, note: "Says 485 <img src=x onerror=alert(1)>" },
          {
            start: 0,
            end: 8,
            status: "VERIFIED",
            source: memorial,
            locator: "p. 4",
            confirmed: true,
            evidence: [{ passage: "613 <script>bad()</script> people", url: "https://memo.example/p4", archivedUrl: "https://archive.example/memo" }],
            comments: [{ html: "<p><strong>Checked</strong> twice</p>", text: "Checked twice" }],
            chain: [{ title: "Booklet of the embassy", locator: "p. 2" }],
          },
          { start: at("reported"), end: at(" killed") + 7, status: "PARTLY_VERIFIED", note: "=1+1 *star* _under_" },
          { start: at("Аzerbaijan"), end: at("Аzerbaijan") + 10, status: "UNVERIFIED" },
          { start: 2, end: 5, status: "SOURCE_NOT_FOUND", orphaned: true },
        ],
      },
    ],
  });
}

/*
 * A PDF of three pages taken from the web, with everything known of where it came from:
 * "Page one text. " (p. 1), "Page two text. " (p. 2), "Page three." (p. 3).
 */
const PDF_TEXT = "Page one text. Page two text. Page three.";
const PDF_PROVENANCE = testProvenance({
  format: "pdf",
  pageStarts: [0, 15, 30],
  metadata: {
    authors: ["Thomas de Waal", "Anna <b>Bold</b>"],
    publisher: "NYU Press",
    datePublished: "2003-01",
    originalUrl: "https://press.example/black-garden.pdf?a=1&b=2",
    retrievedAt: new Date("2026-01-15T09:30:00.000Z"),
    archivedUrl: "https://archive.example/black-garden.pdf",
    language: "en",
  },
  original: { sha256: "ab".repeat(32), size: 1_234_567, mediaType: "application/pdf", fileName: "black-garden.pdf" },
});

/** One paged document (a span on page 2 and one across pages 1 and 2), or, with `several`, a pasted text before it. */
function pagedReport(options: { several?: boolean } = {}) {
  const pdf = {
    title: "Black Garden (excerpt)",
    text: PDF_TEXT,
    provenance: PDF_PROVENANCE,
    spans: [
      { start: 5, end: 20, status: "VERIFIED" as const, locator: "p. 170" },
      { start: 15, end: 23, status: "UNVERIFIED" as const },
      { start: 0, end: 4, status: "UNVERIFIED" as const, orphaned: true },
    ],
  };
  return testReport({ documents: options.several ? [{ title: "Pasted", text: "Just text.", spans: [] }, pdf] : [pdf] });
}

/** The provenance lines a reader sees, in every rendering, label then value. */
const PROVENANCE_LINES = [
  ["Authors", "Thomas de Waal, Anna <b>Bold</b>"],
  ["Publisher", "NYU Press"],
  ["Published", "January 2003"],
  ["Original URL", "https://press.example/black-garden.pdf?a=1&b=2"],
  ["Retrieved", "15 Jan 2026, 09:30 UTC"],
  ["Archived copy", "https://archive.example/black-garden.pdf"],
  ["Language", "English (en)"],
  ["Original file", `PDF, 3 pages, 1.2 MB, SHA-256 ${"ab".repeat(32)}`],
];

function text(html: string): string {
  return html
    .replace(/<sup class="rp-ref">.*?<\/sup>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The words a reader sees, tags counted as spaces. */
function words(html: string): string {
  return text(html.replace(/></g, "> <")).replace(/\s+/g, " ");
}

describe("renderHtml", () => {
  it("is one standalone file that escapes every user value and runs no script", async () => {
    const out = await renderHtml(report({ comments: true }));
    expect(out).toMatchObject({ contentType: "text/html; charset=utf-8", extension: "html" });
    const html = out.body as string;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<img|<b>|<i>for/i);
    expect(html).toContain("Memorial &lt;script&gt;alert(1)&lt;/script&gt; reported");
    expect(html).toContain("Says 485 &lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("613 &lt;script&gt;bad()&lt;/script&gt; people");
    expect(html).toContain("<title>Justice &lt;i&gt;for&lt;/i&gt; Khojaly — citation report</title>");
    // Links are live, with their ampersands escaped in the attribute.
    expect(html).toContain('href="https://memo.example/report?a=1&amp;b=2"');
    expect(html).toContain('href="https://archive.example/memo"');
    // Comment HTML as stored (the server sanitized it), only when asked.
    expect(html).toContain("<p><strong>Checked</strong> twice</p>");
    expect((await renderHtml(report())).body).not.toContain("Checked</strong>");
    // Print: page numbers and the title in the running header, escaped inside the CSS string.
    expect(html).toContain('counter(page) " of " counter(pages)');
    expect(html).toContain('@top-center { content: "Justice \\3c i\\3e for\\3c \\2f i\\3e  Khojaly";');
  });

  it("marks spans with properly nested <mark>s, numbered in text order and linked to their notes", async () => {
    const html = (await renderHtml(report())).body as string;
    const body = /<div class="rp-text">([\s\S]*?)<\/div>/.exec(html)![1];
    // Tags balance like a stack: every </mark> closes the latest open <mark>.
    let depth = 0;
    for (const tag of body.match(/<\/?mark\b/g)!) {
      depth += tag === "<mark" ? 1 : -1;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    // Without the marks and numbers, the text is the document's, character for character.
    expect(text(body)).toBe(TEXT);
    // The nested span (2) ends inside the outer one (1); the crossing one (3) is split at 1's end.
    expect(body).toMatch(/^<mark class="status-contradicted"><mark class="status-verified">Memorial<\/mark><sup class="rp-ref"><a id="ref-1-2" href="#note-1-2"/);
    expect(body).toContain('<mark class="status-partly-verified">reported</mark></mark><mark class="status-partly-verified"><sup class="rp-ref"><a id="ref-1-1"');
    expect([...body.matchAll(/id="ref-1-(\d)"/g)].map((m) => m[1])).toEqual(["2", "1", "3", "4"]);
    for (const n of [1, 2, 3, 4]) expect(html).toContain(`id="note-1-${n}"`);
    // The orphaned one: no number in the text, listed after the others under its own heading.
    expect(body).not.toContain("ref-1-5");
    expect(html.indexOf("Not placed in the text")).toBeGreaterThan(html.indexOf('id="note-1-4"'));
    expect(html.indexOf('id="note-1-5"')).toBeGreaterThan(html.indexOf("Not placed in the text"));
  });

  it("states each note's source, locator, status and meaning, evidence, chain and who confirmed it", async () => {
    const html = (await renderHtml(report())).body as string;
    const note = html.slice(html.indexOf('id="note-1-2"'), html.indexOf('id="note-1-3"'));
    const shown = words(note);
    expect(shown).toContain("“Memorial”");
    // citeproc reads <b> in a field as its own markup: the citation has the words only.
    expect(shown).toContain("Claimed source Memorial Human Rights Centre. 1992. “Memorial HRC Report.”");
    expect(shown).toContain("Locator p. 4");
    expect(shown).toContain("✓ Verified The cited source says this.");
    expect(shown).toContain("Verified, set by Anna Reviewer on 1 May 2024, 10:00 UTC");
    expect(shown).toContain("Confirmed ✔ Signed off by Edgar Editor on 1 May 2024, 10:00 UTC");
    expect(shown).toContain("Booklet of the embassy — p. 2");
    expect(shown).toContain("✓ Supports 613 <script>bad()</script> people");
    // Summary: counts by status with symbols and words, sources with their breakdown, open questions.
    const summary = words(/<section class="rp-summary"[\s\S]*?<\/section>/.exec(html)![0]);
    // Open: all but the confirmed verdict, which is open too while its discussion is unresolved.
    expect(summary).toContain("5 annotations · 5 open questions");
    expect(summary).toContain("✓ Verified: 1");
    expect(summary).toContain("? Source not found: 1");
    expect(summary).toContain("Memorial <b>HRC</b> report 2 ✓ Verified: 1 ✗ Contradicted: 1");
  });

  it("shows the document's provenance in the title block, and each note's page apart from the source's locator", async () => {
    const html = (await renderHtml(pagedReport())).body as string;
    const title = words(/<header class="rp-title">[\s\S]*?<\/header>/.exec(html)![0]);
    for (const [label, value] of PROVENANCE_LINES) expect(title).toContain(`${label} ${value}`);
    expect(html).toContain('href="https://press.example/black-garden.pdf?a=1&amp;b=2"');
    expect(html).toContain("Anna &lt;b&gt;Bold&lt;/b&gt;");
    // Note 1 is on page 1 to 2 of the document, and p. 170 of its source; note 2 on page 2.
    const first = words(html.slice(html.indexOf('id="note-1-1"'), html.indexOf('id="note-1-2"')));
    expect(first).toContain("In the document pp. 1-2");
    expect(first).toContain("Locator p. 170");
    expect(words(html.slice(html.indexOf('id="note-1-2"'), html.indexOf('id="note-1-3"')))).toContain("In the document p. 2");
    // Not placed: its old page is not claimed.
    expect(words(html.slice(html.indexOf('id="note-1-3"')))).not.toContain("In the document");
    // Pasted text has no provenance to show, and no pages.
    const pasted = (await renderHtml(report())).body as string;
    expect(pasted).not.toContain("Original file");
    expect(pasted).not.toContain("In the document");
  });

  it("shows each document's provenance under its own heading in a report of several", async () => {
    const html = (await renderHtml(pagedReport({ several: true }))).body as string;
    const title = words(/<header class="rp-title">[\s\S]*?<\/header>/.exec(html)![0]);
    expect(title).not.toContain("Original file");
    const sections = html.split('<section class="rp-document"');
    expect(words(sections[1])).not.toContain("Original file");
    expect(words(sections[2])).toContain(`Original file PDF, 3 pages, 1.2 MB, SHA-256 ${"ab".repeat(32)}`);
  });
});

describe("renderMarkdown", () => {
  it("escapes Markdown syntax in user text, bolds spans with footnote numbers, and lists orphaned notes apart", async () => {
    const out = await renderMarkdown(report({ comments: true }));
    expect(out).toMatchObject({ contentType: "text/markdown; charset=utf-8", extension: "md" });
    const md = out.body as string;
    expect(md).toContain("# Annotated citation report: Justice \\<i\\>for\\</i\\> Khojaly");
    // The text: bold where covered, the number where each span ends, syntax escaped, lines kept.
    // Spans 1 and 3 overlap, so the bold goes on past 1's number to the end of 3.
    expect(md).toContain("**Memorial[^2] \\<script\\>alert(1)\\</script\\> reported[^1] “613” killed**[^3] in Khojaly, **Аzerbaijan**[^4].");
    expect(md).toContain("\n\n\\# Not a heading \\*nor bold\\* \\[a\\](link) \\& 1 + 1\\\n1\\. Not a list\n");
    // Notes: footnotes in order, each with its facts; user text escaped there too.
    const notes = md.slice(md.indexOf("## Notes"));
    expect(notes.indexOf("[^1]: **1. “Memorial")).toBeLessThan(notes.indexOf("[^2]: **2. “Memorial”** — ✓ Verified"));
    expect(notes).toContain("    - **Note:** \\=1+1 \\*star\\* \\_under\\_");
    expect(notes).toContain("    - **Claimed source:** Memorial Human Rights Centre. 1992. “Memorial HRC Report.”");
    expect(notes).toContain("[Source link](<https://memo.example/report?a=1&b=2>)");
    expect(notes).toContain("        - **✓ Supports** — “613 \\<script\\>bad()\\</script\\> people” — [Link](<https://memo.example/p4>) · [Archived copy](<https://archive.example/memo>)");
    expect(notes).toContain("    - **Confirmed:** ✔ Signed off by Edgar Editor on 1 May 2024, 10:00 UTC");
    expect(notes).toContain("        - Edgar Editor, 1 May 2024, 10:00 UTC: Checked twice");
    // The orphaned note is not a footnote (nothing in the text points at it).
    const orphans = md.slice(md.indexOf("## Not placed in the text"));
    expect(orphans).toContain("**5. “mor”** — ? Source not found");
    expect(md).not.toContain("[^5]");
  });

  it("lists the document's provenance under the title and each note's page", async () => {
    const md = (await renderMarkdown(pagedReport())).body as string;
    const meta = md.slice(0, md.indexOf("## Summary"));
    expect(meta).toContain("- **Authors:** Thomas de Waal, Anna \\<b\\>Bold\\</b\\>");
    expect(meta).toContain("- **Published:** January 2003");
    expect(meta).toContain("- **Original URL:** https://press.example/black-garden.pdf?a=1\\&b=2 ([Open](<https://press.example/black-garden.pdf?a=1&b=2>))");
    expect(meta).toContain("- **Retrieved:** 15 Jan 2026, 09:30 UTC");
    expect(meta).toContain("- **Language:** English (en)");
    expect(meta).toContain(`- **Original file:** PDF, 3 pages, 1.2 MB, SHA-256 ${"ab".repeat(32)}`);
    const notes = md.slice(md.indexOf("## Notes"));
    expect(notes).toContain("[^1]: **1. “one text. Page”** — ✓ Verified: The cited source says this.\n\n    - **In the document:** pp. 1-2");
    expect(notes).toContain("    - **Locator:** p. 170");
    expect(notes).toContain("[^2]: **2. “Page two”** — ○ Unverified: Nobody has checked it yet.\n\n    - **In the document:** p. 2");
    // Several documents: under each one's heading.
    const several = (await renderMarkdown(pagedReport({ several: true }))).body as string;
    expect(several.slice(0, several.indexOf("## Summary"))).not.toContain("Original file");
    expect(several.slice(several.indexOf("## 2. Black Garden"))).toContain("- **Original file:** PDF, 3 pages");
  });

  it("writes plain numbered notes when the report leaves the text out", async () => {
    const md = (await renderMarkdown(report({ text: false }))).body as string;
    expect(md).not.toContain("## Text");
    expect(md).not.toContain("[^");
    expect(md).toContain("**1. “Memorial");
  });
});

describe("renderPdf", () => {
  it("is a PDF whose extracted text has the title block, summary, text, quotes, sources, statuses and page numbers", async () => {
    const out = await renderPdf(report());
    expect(out).toMatchObject({ contentType: "application/pdf", extension: "pdf" });
    const pdf = out.body as Buffer;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Live links are link annotations with the address.
    expect(pdf.toString("latin1")).toContain("/URI (https://memo.example/p4)");
    const words = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8").replace(/\s+/g, " ");
    expect(words).toContain("ANNOTATED CITATION REPORT Justice <i>for</i> Khojaly");
    expect(words).toContain("Reviewed by: Anna Reviewer, Edgar Editor");
    expect(words).toContain("5 annotations · 5 open questions");
    // The text keeps the Cyrillic letter inside the English word, with each span's number after it.
    expect(words).toMatch(/Memorial\[2\] <script>alert\(1\)<\/script> reported\[1\] “613” killed\[3\] in Khojaly, Аzerbaijan ?\[4\]\./);
    for (const quote of ["“Memorial”", "“reported “613” killed”", "“Аzerbaijan”"]) expect(words).toContain(quote);
    expect(words).toContain("✓ Verified — The cited source says this.");
    expect(words).toContain("✗ Contradicted — The cited source says otherwise.");
    expect(words).toContain("Claimed source: Memorial Human Rights Centre. 1992. “Memorial HRC Report.”");
    expect(words).toContain("Confirmed: ✔ Signed off by Edgar Editor");
    expect(words).toContain("“613 <script>bad()</script> people”");
    expect(words).toContain("Not placed in the text");
    expect(words).toMatch(/Page 1 of \d/);
  });

  it("states each note's locator, chain, evidence stance and links, and comments when asked, as selectable text", async () => {
    const pdf = (await renderPdf(report({ comments: true }))).body as Buffer;
    const words = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8").replace(/\s+/g, " ");
    const note = words.slice(words.indexOf("2. “Memorial”"), words.indexOf("3. “reported"));
    expect(note).toContain("✓ Verified — The cited source says this.");
    expect(note).toContain("Locator: p. 4");
    expect(note).toContain("Verdict: Verified, set by Anna Reviewer on 1 May 2024, 10:00 UTC");
    expect(note).toContain("Attribution chain: 1. Booklet of the embassy — p. 2");
    expect(note).toContain("✓ Supports “613 <script>bad()</script> people” Link · Archived copy");
    expect(note).toContain("Comments: Edgar Editor, 1 May 2024, 10:00 UTC: Checked twice");
    expect(words).toContain("Says 485 <img src=x onerror=alert(1)>");
    // Each note's number is a destination the text's [n] links to, and the note links back.
    const raw = pdf.toString("latin1");
    for (const n of [1, 2, 3, 4]) expect(raw).toContain(`(note-1-${n})`);
    expect(raw).toContain("/URI (https://archive.example/memo)");
    const without = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: (await renderPdf(report())).body as Buffer }).toString("utf8");
    expect(without).not.toContain("Checked twice");
  });

  it("states the document's provenance in the title block, with live links, and each note's page", async () => {
    const pdf = (await renderPdf(pagedReport())).body as Buffer;
    const words = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8").replace(/\s+/g, " ");
    for (const [label, value] of PROVENANCE_LINES.filter(([label]) => label !== "Original file")) expect(words).toContain(`${label}: ${value}`);
    // The hash may wrap anywhere: compared without spaces.
    expect(words.replace(/ /g, "")).toContain(`Originalfile:PDF,3pages,1.2MB,SHA-256${"ab".repeat(32)}`);
    expect(pdf.toString("latin1")).toContain("/URI (https://archive.example/black-garden.pdf)");
    expect(words).toContain("In the document: pp. 1-2 Claimed source: None recorded Locator: p. 170");
    expect(words).toContain("In the document: p. 2");
  });
});
