import { describe, expect, it } from "vitest";
import { codePointLength } from "@/lib/documents/text";
import { CORPUS, readCorpusText } from "@/prisma/demo";
import { isAllCaps, isHardWrapped, isListItem, LINE, lineRoles, reflowedText, TIGHT_JOIN } from "./reflow";

const WRAPPED_LINE = "The legal definition of genocide was provided for by the Convention on the Prevention and";

/** A double-spaced, hard-wrapped text like the compilation's: each line followed by one blank line. */
function doubleSpaced(lines: string[]): string {
  return lines.join("\n\n");
}

const filler = Array.from({ length: 12 }, (_, i) => `${WRAPPED_LINE} ${i}`);

describe("isHardWrapped", () => {
  it("is true when most lines of paragraphs are 60 to 100 characters long", () => {
    expect(isHardWrapped(filler)).toBe(true);
    expect(isHardWrapped([...filler, ...Array.from({ length: 13 }, () => "A whole paragraph on one line. ".repeat(8))])).toBe(false);
    expect(isHardWrapped(filler.slice(0, 5))).toBe(false);
  });

  it("holds for the compilation and none of the other corpus texts", () => {
    const judged = CORPUS.map((doc) => [doc.file.slice(0, 3), isHardWrapped(readCorpusText(doc.file).split("\n"))]);
    expect(judged).toEqual([
      ["000", false],
      ["001", false],
      ["002", false],
      ["003", true],
      ["004", false],
    ]);
  });
});

describe("lineRoles", () => {
  it("joins the wrapped lines of a double-spaced paragraph and hides the spacing between them", () => {
    const lines = doubleSpaced([
      ...filler,
      "The legal definition of genocide was provided for by the Convention on the Prevention and ",
      "Punishment of the Crime of Genocide and adopted by the UN General Assembly on December ",
      "9, 1948, and so on.  ",
    ]).split("\n");
    const roles = lineRoles(lines);
    const last = lines.length - 1;
    expect(roles.slice(last - 4)).toEqual([LINE.JOIN, LINE.HIDDEN, LINE.JOIN, LINE.HIDDEN, LINE.JOIN]);
  });

  it("keeps paragraph breaks, list items, headings and short sentence ends", () => {
    const lines = [
      ...filler.flatMap((l) => [l, ""]),
      "KHOJALY GENOCIDE AS AN INTERNATIONAL CRIME",
      "",
      "9, 1948 (resolution number 260 (III) as any of the following acts committed with an intent to ",
      "",
      "destroy, in whole or in part, a national, ethnical, racial or religious group, as such:  ",
      "",
      "- killing members of the group;  ",
      "",
      "a) causing serious bodily or mental harm to members of the group, whether at home or abroad, ",
      "",
      "or in any other place whatsoever.",
      "",
      "Course of assault",
      "",
      "On the night of 25 to 26 February the city was attacked, as the reports of that time all say",
      "",
      "",
      "",
      "A new paragraph after two blank lines, which is more than the usual spacing of this text.",
    ];
    const roles = lineRoles(lines);
    const at = (needle: string) => roles[lines.findIndex((l) => l.startsWith(needle))];
    expect(at("9, 1948")).toBe(LINE.START); // after an ALL-CAPS heading
    expect(at("destroy")).toBe(LINE.JOIN);
    expect(at("- killing")).toBe(LINE.START);
    expect(at("a) causing")).toBe(LINE.START);
    expect(at("or in any")).toBe(LINE.JOIN);
    expect(at("Course of")).toBe(LINE.START);
    expect(at("On the night")).toBe(LINE.START); // after a short line
    expect(at("A new paragraph")).toBe(LINE.START);
  });

  it("leaves every line of a text that is not hard-wrapped as it is", () => {
    expect(new Set(lineRoles(readCorpusText(CORPUS[0].file).split("\n")))).toEqual(new Set([LINE.START]));
  });
});

describe("reflowedText", () => {
  it("turns soft breaks into spaces without moving any offset, and reads as prose", () => {
    const text = readCorpusText(CORPUS[3].file);
    const reflowed = reflowedText(text)!;
    expect(codePointLength(reflowed)).toBe(codePointLength(text));
    expect(reflowed.length).toBe(text.length);
    for (let i = 0; i < text.length; i++) if (text[i] !== reflowed[i]) expect(text[i] + (reflowed[i] === TIGHT_JOIN ? "" : reflowed[i])).toMatch(/^\n ?$/);
    expect(reflowed).toContain("adopted by the UN General Assembly on December   9, 1948");
    // A word hyphenated across lines goes on with no space: "Re-public", "Nagorno-Karabakh".
    expect(reflowed).toMatch(new RegExp(`Azerbaijani Re-${TIGHT_JOIN}+public`));
    expect(reflowed).toMatch(new RegExp(`Nagorno-${TIGHT_JOIN}+Karabakh`));
    // About half the lines: the compilation's paragraphs, list items and headings.
    const before = text.split("\n").filter((l) => l.trim()).length;
    const after = reflowed.split("\n").filter((l) => l.trim()).length;
    expect(after).toBeLessThan(before * 0.6);
  });

  it("keeps astral characters and offsets", () => {
    const text = Array.from({ length: 12 }, (_, i) => `𝒜 line ${i} of a wrapped text with emoji 😀 that goes on long enough to wrap`).join("\n");
    const reflowed = reflowedText(text)!;
    expect(Array.from(reflowed).length).toBe(Array.from(text).length);
    expect(reflowed.split("\n")).toHaveLength(1);
  });

  it("is null for a text that is not hard-wrapped", () => {
    expect(reflowedText(readCorpusText(CORPUS[0].file))).toBeNull();
  });
});

describe("line kinds", () => {
  it("knows list items and ALL-CAPS lines", () => {
    expect(["- a", "• b", "* c", "1. d", "12) e", "a) f", "(b) g"].every(isListItem)).toBe(true);
    expect(["-dash", "a word", "1948 was", "e.g. this"].some(isListItem)).toBe(false);
    expect(isAllCaps("UNITED NATIONS")).toBe(true);
    expect(isAllCaps("S/RES/874 (1993)")).toBe(true);
    expect(isAllCaps("United Nations")).toBe(false);
    expect(isAllCaps("11")).toBe(false);
  });
});
