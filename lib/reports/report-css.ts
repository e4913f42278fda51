/**
 * The report's stylesheet, for the report pages and inlined in the standalone HTML download: one
 * look on screen and in print. Status colours come from the one vocabulary; each status also has
 * its underline style and symbol, so colour is never the only cue. Pure.
 */
import { STATUSES, STATUS_INFO, type TStatus } from "@/lib/statuses";

export function statusClassName(status: TStatus): string {
  return `status-${status.toLowerCase().replace(/_/g, "-")}`;
}

/**
 * A CSS string literal of any text: everything but letters, digits, spaces and plain punctuation
 * is written as a hex escape, so no title can end the string, the rule or the <style> element.
 */
export function cssString(text: string): string {
  const escaped = Array.from(text.replace(/\s+/g, " "))
    .map((c) => (/^[\p{L}\p{N} .,:;!?()–—-]$/u.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `))
    .join("");
  return `"${escaped}"`;
}

const statusRules = STATUSES.map((s) => {
  const info = STATUS_INFO[s];
  return `.report .${statusClassName(s)} { --rp-colour: ${info.colour}; --rp-bg: ${info.background}; --rp-underline: ${info.underline}; }`;
}).join("\n");

const screen = `
.report { font-family: Georgia, "Times New Roman", serif; line-height: 1.55; color: #1d1d1f; }
.report h1, .report h2, .report h3, .report h4, .report h5 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; line-height: 1.25; }
.report h1 { font-size: 1.8rem; margin: 0.2rem 0 0.6rem; }
.report h2 { font-size: 1.35rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #d6d3cc; padding-bottom: 0.2rem; }
.report h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.report .rp-note-heading { font-size: 1rem; margin: 0 0 0.4rem; border: 0; padding: 0; }
.report .rp-note-sub { font-size: 0.9rem; margin: 0.8rem 0 0.3rem; border: 0; padding: 0; }
.report a { color: #0b5cad; }
.rp-kicker { margin: 0; font-family: system-ui, sans-serif; font-size: 0.85rem; letter-spacing: 0.05em; text-transform: uppercase; color: #5b5b63; }
.rp-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
.rp-meta dt { font-family: system-ui, sans-serif; font-size: 0.85rem; color: #5b5b63; }
.rp-meta dd { margin: 0; overflow-wrap: anywhere; }
.rp-figures { font-size: 1.05rem; }
.rp-bar { display: flex; height: 1.6rem; border: 1px solid #8a8780; border-radius: 4px; overflow: hidden; margin: 0.5rem 0; }
.rp-bar span { display: flex; align-items: center; justify-content: center; min-width: 1.2rem; background: var(--rp-bg); border-bottom: 4px var(--rp-underline) var(--rp-colour); font-family: system-ui, sans-serif; font-size: 0.8rem; font-weight: 700; overflow: hidden; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.rp-counts { list-style: none; padding: 0; margin: 0.4rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; font-family: system-ui, sans-serif; font-size: 0.9rem; }
.rp-swatch { display: inline-block; width: 0.9em; height: 0.9em; background: var(--rp-bg); border-bottom: 3px var(--rp-underline) var(--rp-colour); vertical-align: -0.1em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.rp-table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
.rp-table th, .rp-table td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d6d3cc; vertical-align: top; }
.rp-table thead th { font-family: system-ui, sans-serif; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: #5b5b63; }
.rp-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.rp-table .rp-counts { margin: 0; font-size: 0.82rem; gap: 0.1rem 0.7rem; }
.rp-text { white-space: pre-wrap; overflow-wrap: break-word; font-size: 1.02rem; line-height: 1.75; max-width: 46rem; }
.rp-text.rp-reflowed { white-space: pre-line; }
.rp-text mark { color: inherit; background: var(--rp-bg); text-decoration: underline var(--rp-underline) var(--rp-colour); text-decoration-thickness: 2px; text-underline-offset: 3px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.rp-ref { font-family: system-ui, sans-serif; font-size: 0.7em; line-height: 0; font-weight: 700; }
.rp-ref a { text-decoration: none; padding: 0 0.1em; }
.rp-notes { list-style: none; padding: 0; margin: 0; }
.rp-note { border-left: 4px var(--rp-underline) var(--rp-colour); padding: 0.6rem 0 0.6rem 0.9rem; margin: 0 0 1rem; }
.rp-note:target { background: #fff6d6; }
.rp-num { display: inline-block; min-width: 1.8em; padding: 0 0.3em; margin-right: 0.3em; border: 1px solid #8a8780; border-radius: 4px; text-align: center; font-variant-numeric: tabular-nums; }
.rp-quote { font-style: italic; }
.rp-back { font-family: system-ui, sans-serif; font-size: 0.85rem; margin-left: 0.4em; }
.rp-status { display: inline-block; font-family: system-ui, sans-serif; font-size: 0.85rem; font-weight: 700; padding: 0 0.45rem; border-radius: 999px; border: 2px var(--rp-underline) var(--rp-colour); color: var(--rp-colour); background: #fff; }
.rp-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.9rem; margin: 0.4rem 0; font-size: 0.95rem; }
.rp-facts dt { font-family: system-ui, sans-serif; font-size: 0.82rem; color: #5b5b63; padding-top: 0.15rem; }
.rp-facts dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.rp-links { font-family: system-ui, sans-serif; font-size: 0.85rem; }
.rp-evidence { list-style: none; padding: 0; margin: 0; }
.rp-evidence > li { margin: 0 0 0.6rem; }
.rp-evidence blockquote { margin: 0.2rem 0 0.2rem 1rem; padding-left: 0.6rem; border-left: 2px solid #d6d3cc; white-space: pre-wrap; }
.rp-stance { font-family: system-ui, sans-serif; font-size: 0.82rem; font-weight: 700; }
.rp-small { font-size: 0.88rem; color: #45454c; overflow-wrap: anywhere; }
.rp-chain { margin: 0; padding-left: 1.2rem; }
.rp-comments { list-style: none; padding: 0; margin: 0; }
.rp-comments > li { border-top: 1px solid #e5e2db; padding: 0.3rem 0; }
.rp-comments .rp-small { margin: 0; }
.rp-empty { color: #5b5b63; font-style: italic; }
${statusRules}
`;

/**
 * Print: no app chrome or forms, a running header (the report's title) and page numbers in the
 * page margins (Chromium draws @page margin boxes since version 131), notes starting on a new
 * page and never split.
 */
function print(title: string): string {
  return `
@page {
  size: A4;
  margin: 22mm 18mm 20mm;
  @top-center { content: ${cssString(title)}; font: 9pt system-ui, sans-serif; color: #5b5b63; }
  @bottom-left { content: "Provenant citation report"; font: 8pt system-ui, sans-serif; color: #5b5b63; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; }
}
@media print {
  .app-header, .skip-link, .rp-controls, .rp-downloads, form { display: none !important; }
  body, .page { background: #fff; margin: 0; padding: 0; max-width: none; }
  .report { font-size: 10.5pt; }
  .report a { color: inherit; }
  .rp-note a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; overflow-wrap: anywhere; }
  .rp-document + .rp-document { break-before: page; }
  .rp-notes-heading { break-before: page; }
  .rp-note { break-inside: avoid; }
  .report h2, .report h3, .report h4, .report .rp-note-heading { break-after: avoid; }
  .rp-note:target { background: none; }
  .rp-back { display: none; }
}
`;
}

export function reportCss(title: string): string {
  return screen + print(title);
}
