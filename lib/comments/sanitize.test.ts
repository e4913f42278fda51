import { describe, expect, it } from "vitest";
import { htmlToText, sanitizeComment } from "./sanitize";

const members = new Map([
  ["editor1", "Ed Itor"],
  ["rev_2", "Rae Viewer"],
]);
const clean = (html: string) => sanitizeComment(html, members).html;

describe("sanitizeComment", () => {
  it("keeps what the editor makes: paragraphs, bold, italic, lists, quotes, code, line breaks", () => {
    const html =
      "<p>A <strong>bold</strong> and <em>italic</em> claim<br>next line</p><ul><li><p>one</p></li></ul><ol><li><p>two</p></li></ol><blockquote><p>quoted</p></blockquote><p><code>x &lt; y</code></p>";
    const out = sanitizeComment(html, members);
    expect(out.html).toBe(
      "<p>A <strong>bold</strong> and <em>italic</em> claim<br />next line</p><ul><li><p>one</p></li></ul><ol><li><p>two</p></li></ol><blockquote><p>quoted</p></blockquote><p><code>x &lt; y</code></p>",
    );
    expect(out.text).toBe("A bold and italic claim\nnext line\none\ntwo\nquoted\nx < y");
  });

  it("strips the XSS payloads: event handlers, script, javascript: links, svg onload, style", () => {
    expect(clean('<p>before <img src=x onerror=alert(1)> after</p>')).toBe("<p>before  after</p>");
    expect(clean("<p>hi</p><script>alert(1)</script>")).toBe("<p>hi</p>");
    expect(clean('<p><a href="javascript:alert(1)">click</a></p>')).toBe("<p>click</p>");
    expect(clean('<p><a href=" JaVaScRiPt:alert(1)">click</a></p>')).toBe("<p>click</p>");
    expect(clean('<p><a href="jav&#x09;ascript:alert(1)">click</a></p>')).toBe("<p>click</p>");
    expect(clean('<p><a href="data:text/html,<script>alert(1)</script>">d</a></p>')).toBe("<p>d</p>");
    expect(clean('<svg onload="alert(1)"><circle r="1"/></svg><p>ok</p>')).toBe("<p>ok</p>");
    expect(clean('<p style="background:url(javascript:alert(1))" onclick="alert(1)" class="x">styled</p>')).toBe("<p>styled</p>");
    expect(clean('<p><strong onmouseover="alert(1)" style="color:red">b</strong></p>')).toBe("<p><strong>b</strong></p>");
    expect(clean('<iframe src="https://evil.example"></iframe><object data="x"></object><p>x</p>')).toBe("<p>x</p>");
    expect(clean("<p>&lt;img src=x onerror=alert(1)&gt;</p>")).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>");
    expect(clean("<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math><p>y</p>")).toBe("<p>y</p>");
  });

  it("keeps http, https and mailto links, opening in a new tab without the opener", () => {
    expect(clean('<p><a href="https://example.org/a?b=1&amp;c=2" target="_self" rel="opener" onclick="x()">src</a></p>')).toBe(
      '<p><a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">src</a></p>',
    );
    expect(clean('<a href="mailto:desk@example.org">mail</a>')).toContain('href="mailto:desk@example.org"');
    // Relative and protocol-relative links lead somewhere the reader cannot see: unwrapped.
    expect(clean('<a href="//evil.example/x">pr</a> <a href="/admin">rel</a>')).toBe("pr rel");
  });

  it("keeps mentions of members, labelled with their real name, and drops every other span", () => {
    const out = sanitizeComment(
      '<p>Hi <span data-type="mention" data-id="editor1" data-label="The Boss" data-mention-suggestion-char="@" class="m">@The Boss</span>, ' +
        '<span data-type="mention" data-id="stranger9" data-label="Stranger">@Stranger</span> and <span style="color:red">red</span> ' +
        '<span data-type="mention" data-id="editor1" data-label="Ed Itor">@Ed Itor</span></p>',
      members,
    );
    expect(out.html).toBe(
      '<p>Hi <span data-type="mention" data-id="editor1" data-label="Ed Itor">@Ed Itor</span>, @Stranger and red <span data-type="mention" data-id="editor1" data-label="Ed Itor">@Ed Itor</span></p>',
    );
    expect(out.mentionIds).toEqual(["editor1"]);
    expect(out.text).toBe("Hi @Ed Itor, @Stranger and red @Ed Itor");
  });

  it("closes each kept element with its own tag after an unwrapped sibling", () => {
    expect(clean('<p><span style="x">a</span><strong>b</strong><a href="/x">c</a><em>d</em></p>')).toBe("<p>a<strong>b</strong>c<em>d</em></p>");
  });

  it("escapes names and attribute values", () => {
    const out = sanitizeComment('<p><span data-type="mention" data-id="rev_2">@x</span></p>', new Map([["rev_2", '<b>"Rae"</b> & co']]));
    expect(out.html).toBe('<p><span data-type="mention" data-id="rev_2" data-label="&lt;b&gt;&quot;Rae&quot;&lt;/b&gt; &amp; co">@&lt;b&gt;"Rae"&lt;/b&gt; &amp; co</span></p>');
    expect(out.text).toBe('@<b>"Rae"</b> & co');
  });

  it("reads an empty editor as no text", () => {
    expect(sanitizeComment("<p></p>", members).text).toBe("");
    expect(sanitizeComment("<p> <br> </p><script>x</script>", members).text).toBe("");
  });
});

describe("htmlToText", () => {
  it("decodes the entities sanitize-html writes, once", () => {
    expect(htmlToText("<p>&amp;lt; &lt;b&gt; &quot;q&quot;</p>")).toBe('&lt; <b> "q"');
  });
});
