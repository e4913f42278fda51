/**
 * The XSS corpus: each payload, if it ever ran, would call `__pvXss(n)` (or alert(n)); each carries
 * the marker PVXn so that the pages' DOM can be searched for what became of it.
 */
import type { Page } from "@playwright/test";

export type TPayload = { n: number; text: string };

const RAW: string[] = [
  "<script>__pvXss(N)</script>",
  '<img src=x onerror="__pvXss(N)">',
  "<svg onload=__pvXss(N)>",
  "<body onload=__pvXss(N)>",
  "<details open ontoggle=__pvXss(N)><summary>x</summary></details>",
  '<a href="javascript:__pvXss(N)">link</a>',
  '<a href="data:text/html,<script>__pvXss(N)</script>">data link</a>',
  "<svg><script>__pvXss(N)</script></svg>",
  '<svg><foreignObject><img src=x onerror="__pvXss(N)"></foreignObject></svg>',
  '<svg><a xlink:href="javascript:__pvXss(N)"><text x="0" y="10">svg link</text></a></svg>',
  "<svg><animate onbegin=__pvXss(N) attributeName=x dur=1s>",
  '<div style="background:url(javascript:__pvXss(N))">css url</div>',
  '<div style="width:expression(__pvXss(N))">css expression</div>',
  "</style><img src=x onerror=__pvXss(N)>",
  '<iframe srcdoc="<script>parent.__pvXss(N)</script>"></iframe>',
  '<iframe src="javascript:__pvXss(N)"></iframe>',
  "<math><mtext><table><mglyph><style><img src=x onerror=__pvXss(N)>",
  '<math href="javascript:__pvXss(N)">math link</math>',
  "<noscript><p title=\"</noscript><img src=x onerror=__pvXss(N)>\">",
  "<scr<script>ipt>__pvXss(N)</scr</script>ipt>",
  "<<img src=x onerror=__pvXss(N)>>",
  "<img/src/onerror=__pvXss(N)>",
  '<!--<img src="--><img src=x onerror=__pvXss(N)//">',
  '"><img src=x onerror=__pvXss(N)>',
  "'><svg onload=__pvXss(N)>",
  "`;__pvXss(N);//${__pvXss(N)}`",
  "</script><script>__pvXss(N)</script>",
  "\u2028\u2029</script><script>__pvXss(N)</script>",
  "&lt;img src=x onerror=__pvXss(N)&gt;",
  "<img src=x onerror=&#95;&#95;pvXss(N)>",
  "\\u003cimg src=x onerror=__pvXss(N)\\u003e",
  '<a href="jav&#x09;ascript:__pvXss(N)">tab link</a>',
  '<a href=" &#14;javascript:__pvXss(N)">ctrl link</a>',
  "＜script＞__pvXss(N)＜/script＞",
  '<object data="javascript:__pvXss(N)"></object>',
  '<embed src="javascript:__pvXss(N)">',
  '<form action="javascript:__pvXss(N)"><button>go</button></form>',
  "<input autofocus onfocus=__pvXss(N)>",
  "<video><source onerror=__pvXss(N)></video>",
  '<base href="javascript:__pvXss(N)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:__pvXss(N)">',
  '<table><td background="javascript:__pvXss(N)">cell</td></table>',
  "<img src=x:x onerror=window['__pv'+'Xss'](N)>",
  "<x contenteditable autofocus onfocus=alert(N)>",
  "<svg><style><img src=x onerror=__pvXss(N)></style></svg>",
  "<textarea><img src=x onerror=__pvXss(N)></textarea>",
  "<xmp><img src=x onerror=__pvXss(N)></xmp>",
  "<template><img src=x onerror=__pvXss(N)></template><select><template><img src=x onerror=__pvXss(N)></template></select>",
];

/** The corpus, numbered from 1, each with its marker in front. */
export const PAYLOADS: TPayload[] = RAW.map((raw, i) => ({ n: i + 1, text: `PVX${i + 1} ${raw.replaceAll("(N)", `(${i + 1})`)}` }));

/**
 * Addresses for fields that must be http(s) URLs: the schema refuses javascript:, so the attack is
 * an address that breaks out of an attribute or is mistaken for markup.
 */
export function urlPayload(n: number): string {
  const variants = [
    `https://x.test/PVX${n}"><img/src=x/onerror=__pvXss(${n})>`,
    `https://x.test/PVX${n}'><svg/onload=__pvXss(${n})>`,
    `https://x.test/PVX${n}?q="onmouseover="__pvXss(${n})`,
    `https://x.test/PVX${n}#javascript:__pvXss(${n})`,
  ];
  return variants[n % variants.length];
}

/** A BibTeX library with one entry per payload (titles, authors, publisher, note). */
export function bibtex(payloads: TPayload[]): string {
  // LaTeX's special characters (braces, backslash, $ for math, %, #, &, ~, ^) are BibTeX syntax;
  // the rest of each payload, markup included, goes in as it is.
  const field = (p: TPayload) => p.text.replace(/[{}\\$%#&~^]/g, "");
  return payloads.map((p) => `@book{pvx${p.n},\n  title = {${field(p)}},\n  author = {Mallory, ${field(p).slice(0, 60)}},\n  publisher = {${field(p)}},\n  year = {2001}\n}`).join("\n\n");
}

/** A CSL-JSON library with one item per payload. */
export function cslJson(payloads: TPayload[]): string {
  return JSON.stringify(
    payloads.map((p) => ({ id: `pvx-csl-${p.n}`, type: "book", title: `CSL ${p.text}`, author: [{ family: p.text.slice(0, 150), given: "Eve" }], publisher: p.text, "container-title": p.text, URL: urlPayload(p.n) })),
  );
}

/** W3C Web Annotations quoting `exact`, each with a payload as note, tag and linked source. */
export function w3cAnnotations(payloads: TPayload[], exact: string): string {
  return JSON.stringify(
    payloads.map((p) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      target: { source: "https://x.test/doc", selector: { type: "TextQuoteSelector", exact } },
      body: [
        { type: "TextualBody", purpose: "commenting", value: `W3C ${p.text}` },
        { type: "TextualBody", purpose: "tagging", value: p.text },
        { type: "SpecificResource", purpose: "linking", source: urlPayload(p.n) },
      ],
    })),
  );
}

/** Hypothesis API annotations quoting `exact`, each with a payload as text and tag. */
export function hypothesisAnnotations(payloads: TPayload[], exact: string): string {
  return JSON.stringify({
    rows: payloads.map((p) => ({
      uri: "https://x.test/doc",
      user: "acct:mallory@hypothes.is",
      text: `Hypothesis ${p.text}`,
      tags: [p.text],
      target: [{ source: "https://x.test/doc", selector: [{ type: "TextQuoteSelector", exact }] }],
    })),
  });
}

export type TXssWatch = { dialogs: string[]; popups: string[]; navigations: string[] };

/**
 * Installs the tripwires in every page and frame of the context: `__pvXss(n)` records n, alert /
 * confirm / prompt / print are replaced by recorders (and a real dialog is caught too), a new
 * window or a navigation to javascript: is noted.
 */
export async function installTripwires(page: Page): Promise<TXssWatch> {
  const watch: TXssWatch = { dialogs: [], popups: [], navigations: [] };
  await page.context().addInitScript(() => {
    const hits: unknown[] = [];
    const w = window as unknown as Record<string, unknown>;
    w.__xss = hits;
    w.__pvXss = (n: unknown) => hits.push(n);
    for (const name of ["alert", "confirm", "prompt"]) w[name] = (n: unknown) => hits.push(`${name}(${String(n)})`);
    // A frame's script calls parent.__pvXss: the hit lands in the top page's list.
  });
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.context().on("page", (popup) => watch.popups.push(popup.url()));
  page.on("framenavigated", (frame) => {
    if (/^\s*(javascript|data):/i.test(frame.url())) watch.navigations.push(frame.url());
  });
  return watch;
}

export type TDomFinding = { what: string; html: string };

/**
 * What the DOM of the page (and its same-origin frames) holds that could run script: an element
 * with an on* attribute, a script/iframe/object/embed/base/meta/form the payloads made, a
 * javascript:/data:/vbscript: address in any URL attribute, and any recorded hit.
 */
export async function scanPage(page: Page): Promise<{ hits: unknown[]; findings: TDomFinding[] }> {
  return page.evaluate(() => {
    const findings: { what: string; html: string }[] = [];
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcdoc"];
    const dangerousUrl = /^(javascript|vbscript|data):/i;
    const marked = /PVX\d|__pvXss/;
    for (const element of Array.from(document.querySelectorAll("*"))) {
      const html = element.outerHTML.slice(0, 200);
      const tag = element.tagName.toLowerCase();
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        // Normalised the way browsers read URLs: without whitespace and control characters.
        const value = attribute.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
        if (name.startsWith("on")) findings.push({ what: `event handler ${name}`, html });
        if (urlAttributes.includes(name) && dangerousUrl.test(value) && !/^data:image\//i.test(value)) findings.push({ what: `${name}=${value.slice(0, 60)}`, html });
        if (name === "style" && /javascript:|expression\(/i.test(value)) findings.push({ what: "script in style", html });
        // Elements the app never renders from user data; a <meta> only counts when it is a refresh.
        const injectable = ["iframe", "object", "embed", "base", "frame"].includes(tag) || (tag === "meta" && element.hasAttribute("http-equiv"));
        if (injectable && marked.test(attribute.value)) findings.push({ what: `injected <${tag}>`, html });
      }
      // Next.js's own flight data (self.__next_f) carries the payloads as escaped JSON text: not markup.
      if (tag === "script" && marked.test(element.textContent ?? "") && !(element.textContent ?? "").includes("__next_f")) findings.push({ what: "injected <script>", html });
      if (["iframe", "object", "embed", "frame", "frameset"].includes(tag) && marked.test(element.outerHTML)) findings.push({ what: `injected <${tag}>`, html });
    }
    const hits = ((window as unknown as { __xss?: unknown[] }).__xss ?? []).slice();
    return { hits, findings };
  });
}
