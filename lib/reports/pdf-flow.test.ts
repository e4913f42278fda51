import { execFileSync } from "node:child_process";
import path from "node:path";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { Flow, type TEmbeddedFont, type TFlowRun, type TStyle } from "./pdf-flow";

const FONTS = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const MARGIN = { top: 50, bottom: 50 };

/** A document with DejaVu Sans regular and bold, and a flow on it. */
function setup() {
  const doc = new PDFDocument({ size: "A4", bufferPages: true, margins: { ...MARGIN, left: 50, right: 50 }, font: null as unknown as string });
  const face = (file: string) => {
    doc.font(path.join(FONTS, file));
    return (doc as unknown as { _font: TEmbeddedFont })._font;
  };
  const regular = face("DejaVuSans.ttf");
  const bold = face("DejaVuSans-Bold.ttf");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const style = (font: TEmbeddedFont, size = 10, colour = "#000000", underline = false): TStyle => ({ font, size, colour, underline });
  return { doc, flow: new Flow(doc, MARGIN), regular, bold, style, finish: () => (doc.end(), done) };
}

function extracted(pdf: Buffer, layout = false): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", ...(layout ? ["-layout"] : []), "-", "-"], { input: pdf }).toString("utf8");
}

describe("Flow", () => {
  it("writes every character of user text so that it extracts exactly: Cyrillic look-alikes, accents, Greek, symbols, markup", async () => {
    const { flow, regular, bold, style, finish } = setup();
    const texts = ["Memorial <script>alert(1)</script> in Аzerbaijan, соmplete", "café and cafe\u0301, Ελληνικά, ✓ ✗ ◔ ↩ “quoted” — 25–26", "(parens) [brackets] \\backslash\\ 100% #hash"];
    for (const text of texts) flow.paragraph([{ text, style: style(regular) }], { x: 50, width: 495 });
    flow.paragraph([{ text: "Bold ", style: style(bold) }, { text: "then regular[12]", style: style(regular, 9, "#b34d00", true) }], { x: 50, width: 495 });
    const out = extracted(await finish());
    for (const text of texts.slice(0, 1).concat(texts.slice(2))) expect(out).toContain(text);
    // A combining accent is placed by the shaper; extraction may see a gap after it, never a lost or changed character.
    const letters = (s: string) => s.normalize("NFC").replace(/\s+/g, "");
    expect(letters(out)).toContain(letters(texts[1]));
    expect(out).toContain("Bold then regular[12]");
  });

  it("breaks lines after spaces within the width, keeps hard breaks and blank lines, and cuts a word wider than the line", () => {
    const { flow, regular, style } = setup();
    const s = style(regular, 10);
    const words = "The legal definition of genocide was provided for by the Convention on the Prevention and Punishment of the Crime of Genocide".split(" ");
    const lines = flow.lineTexts([{ text: words.join(" "), style: s }], 150);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(150);
    // Nothing lost or reordered, and every break is at a space.
    expect(lines.map((l) => l.text.trim()).join(" ")).toBe(words.join(" "));
    // A line would have taken the next word if it fit.
    lines.slice(0, -1).forEach((line, i) => expect(line.width + flow.widthOf(` ${lines[i + 1].text.split(" ")[0]}`, s)).toBeGreaterThan(150));

    expect(flow.lineTexts([{ text: "one\n\ntwo", style: s }], 150).map((l) => l.text)).toEqual(["one", "", "two"]);

    const url = "https://web.archive.example/2021/https://evidence.example/1234/5678/and/on/and/on";
    const cut = flow.lineTexts([{ text: `see ${url} end`, style: s }], 120);
    for (const line of cut) expect(line.width).toBeLessThanOrEqual(120);
    expect(cut.map((l) => l.text).join("")).toBe(`see ${url} end`);
  });

  it("does not break between runs that meet without a space (a span and its number)", () => {
    const { flow, regular, bold, style } = setup();
    const runs: TFlowRun[] = [
      { text: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm", style: style(regular) },
      { text: "[1234]", style: style(bold) },
    ];
    for (const width of [100, 120, 140, 160, 180]) {
      const lines = flow.lineTexts(runs, width);
      expect(lines[lines.length - 1].text).toMatch(/mmmm\[1234\]$/);
    }
  });

  it("starts a new page when a line does not fit, and makes links, in-document links and destinations", async () => {
    const { doc, flow, regular, style, finish } = setup();
    const s = style(regular, 12);
    flow.paragraph([{ text: "The note", style: s, destination: "note-1" }], { x: 50, width: 495 });
    for (let i = 0; i < 80; i++) flow.paragraph([{ text: `Line ${i}`, style: s }], { x: 50, width: 495 });
    flow.paragraph(
      [
        { text: "Source: ", style: s },
        { text: "Source link", style: style(regular, 12, "#0b5cad", true), link: "https://memo.example/report?a=1&b=2" },
        { text: " back", style: s, goTo: "note-1" },
      ],
      { x: 50, width: 495 },
    );
    expect(doc.bufferedPageRange().count).toBe(2);
    const pdf = await finish();
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/URI (https://memo.example/report?a=1&b=2)");
    expect(raw).toMatch(/\/S \/GoTo\s+\/D \(note-1\)/);
    expect(raw).toContain("(note-1)");
    const pages = extracted(pdf).split("\f");
    expect(pages[0]).toContain("Line 0");
    expect(pages[1]).toContain("Source: Source link back");
    // Lines keep their order across the page break.
    const all = pages.join("\n");
    for (let i = 1; i < 80; i++) expect(all.indexOf(`Line ${i}\n`)).toBeGreaterThan(all.indexOf(`Line ${i - 1}\n`));
  });
});
