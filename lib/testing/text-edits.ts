/**
 * Scattered edits of a text, as an OCR correction pass or a publisher's update makes them, for the
 * revision tests (lib/revisions/remap.test.ts) and the revision bench (bench/revision.ts).
 */

/** Cyrillic letters that look Latin, as the compilation's OCR left them ("саn bе"), and their Latin twins. */
export const LOOK_ALIKES: Readonly<Record<string, string>> = { а: "a", е: "e", о: "o", р: "p", с: "c", у: "y", х: "x", А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", Х: "X" };

/** A small seeded generator (the same edits every run). */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** An edit in code points of the old text: `remove` code points at `at`, `insert` in their place. */
export type TEdit = { at: number; remove: number; insert: string; kind: "insert" | "delete" | "replace" | "look-alike" };

/**
 * `count` edits of the text (as code points), sorted and at least 80 apart: about a quarter
 * look-alike fixes where the text has them, the rest insertions, deletions and replacements at random.
 */
export function scatteredEdits(chars: readonly string[], rand: () => number, count: number): TEdit[] {
  const lookAlikes = chars.flatMap((c, i) => (c in LOOK_ALIKES ? [i] : []));
  const edits: TEdit[] = [];
  const fits = (at: number) => edits.every((e) => Math.abs(e.at - at) > 80);
  const fixes = lookAlikes.length ? Math.ceil(count / 4) : 0;
  for (let i = 0; i < fixes; i++) {
    const at = lookAlikes[Math.floor(((i + 0.5) * lookAlikes.length) / fixes)];
    if (fits(at)) edits.push({ at, remove: 1, insert: LOOK_ALIKES[chars[at]], kind: "look-alike" });
  }
  for (let i = 0; edits.length < count; i++) {
    const at = 100 + Math.floor(rand() * (chars.length - 300));
    if (!fits(at)) continue;
    const kind = (["insert", "delete", "replace"] as const)[i % 3];
    if (kind === "insert") edits.push({ at, remove: 0, insert: " An inserted sentence, with 485 in it.", kind });
    else if (kind === "delete") edits.push({ at, remove: 5 + Math.floor(rand() * 60), insert: "", kind });
    else edits.push({ at, remove: 4, insert: "WORD", kind });
  }
  return edits.sort((a, b) => a.at - b.at);
}

/** The text after the edits. */
export function applyEdits(chars: readonly string[], edits: readonly TEdit[]): string {
  const out = [...chars];
  for (const e of [...edits].reverse()) out.splice(e.at, e.remove, ...Array.from(e.insert));
  return out.join("");
}
