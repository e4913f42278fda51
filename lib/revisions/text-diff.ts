/**
 * What changed between two revisions of a text, at word level, in code points. Lines first (a
 * compilation of 195 KB has about 4,000), then words inside each changed run of lines: the word
 * diff of the whole text would cost a hundred times more, and finds the same changes. Pure.
 */
import { diffLines, diffWordsWithSpace, type ChangeObject } from "diff";
import { cpLength } from "@/lib/anchoring/code-points";

/** One change: the old text's [oldStart, oldEnd) became the new text's [newStart, newEnd) (code points). */
export type THunk = { oldStart: number; oldEnd: number; newStart: number; newEnd: number };
/** The diff as runs of text for reading: kept, removed (old text only) or added (new text only). */
export type TDiffPart = { kind: "same" | "removed" | "added"; text: string };
export type TTextDiff = { hunks: THunk[]; parts: TDiffPart[] };

/** A line diff gives up past this long (ms): a text rewritten from top to bottom has no useful diff. */
const LINE_TIMEOUT_MS = 2_000;
/** Nor does a run of changed lines whose word diff takes longer; it counts as replaced whole. */
const WORD_TIMEOUT_MS = 500;

/** Walks changes, calling `emit` with each part and the code-point positions where it starts in the old and new text. */
function walk(changes: readonly ChangeObject<string>[], at: { old: number; new: number }, emit: (part: TDiffPart, oldAt: number, newAt: number) => void) {
  for (const change of changes) {
    const length = cpLength(change.value);
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    emit({ kind, text: change.value }, at.old, at.new);
    if (kind !== "added") at.old += length;
    if (kind !== "removed") at.new += length;
  }
}

/** Adds a change to the list, merged with the one before when they touch. */
function pushHunk(hunks: THunk[], hunk: THunk) {
  const last = hunks[hunks.length - 1];
  if (last && last.oldEnd === hunk.oldStart && last.newEnd === hunk.newStart) {
    last.oldEnd = hunk.oldEnd;
    last.newEnd = hunk.newEnd;
  } else hunks.push({ ...hunk });
}

/** Word-level changes between two texts. */
export function diffTexts(oldText: string, newText: string): TTextDiff {
  const hunks: THunk[] = [];
  const parts: TDiffPart[] = [];
  const lines = diffLines(oldText, newText, { timeout: LINE_TIMEOUT_MS }) ?? [
    { value: oldText, removed: true, added: false, count: 1 },
    { value: newText, added: true, removed: false, count: 1 },
  ];
  const at = { old: 0, new: 0 };
  for (let i = 0; i < lines.length; ) {
    if (!lines[i].added && !lines[i].removed) {
      walk([lines[i]], at, (part) => parts.push(part));
      i++;
      continue;
    }
    // A run of removed and added lines: compared word by word.
    let removed = "";
    let added = "";
    for (; i < lines.length && (lines[i].added || lines[i].removed); i++) {
      if (lines[i].added) added += lines[i].value;
      else removed += lines[i].value;
    }
    const words = (removed && added ? diffWordsWithSpace(removed, added, { timeout: WORD_TIMEOUT_MS }) : undefined) ?? [
      ...(removed ? [{ value: removed, removed: true, added: false, count: 1 }] : []),
      ...(added ? [{ value: added, added: true, removed: false, count: 1 }] : []),
    ];
    let replaced = "";
    walk(words, at, (part, oldAt, newAt) => {
      parts.push(part);
      if (part.kind === "removed") pushHunk(hunks, { oldStart: oldAt, oldEnd: oldAt + cpLength(part.text), newStart: newAt, newEnd: newAt });
      if (part.kind === "added") {
        pushHunk(hunks, { oldStart: oldAt, oldEnd: oldAt, newStart: newAt, newEnd: newAt + cpLength(part.text) });
        if (replaced) narrow(hunks[hunks.length - 1], replaced, part.text);
      }
      replaced = part.kind === "removed" ? part.text : "";
    });
  }
  return { hunks, parts };
}

/**
 * A word replaced by another shares letters at its ends ("Sargsyan" → "Sargs" when the end of a name
 * was deleted): the change starts after them and ends before them, so that a span ending inside the
 * word, before the change, is not counted as touched.
 */
function narrow(hunk: THunk, removed: string, added: string) {
  const a = Array.from(removed);
  const b = Array.from(added);
  if (hunk.oldEnd - hunk.oldStart !== a.length || hunk.newEnd - hunk.newStart !== b.length) return;
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  hunk.oldStart += head;
  hunk.newStart += head;
  hunk.oldEnd -= tail;
  hunk.newEnd -= tail;
}

/** Where an old span lies in the new text, and whether a change touched it. */
export type TMappedSpan = { touched: boolean; start: number; end: number };

/**
 * A point of the old text in the new one: moved by the changes before it. An insertion right at the
 * point goes before it for a span's start and after it for its end (the span keeps its words); a
 * point inside a removed or replaced run goes to that run's new edge on the span's side.
 */
function mapPoint(hunks: readonly THunk[], point: number, side: "start" | "end"): number {
  let delta = 0;
  for (const h of hunks) {
    const grows = h.newEnd - h.newStart - (h.oldEnd - h.oldStart);
    if (h.oldStart === h.oldEnd) {
      if (h.oldStart > point || (h.oldStart === point && side === "end")) break;
    } else if (h.oldEnd > point) {
      if (h.oldStart >= point) break;
      return side === "start" ? h.newStart : h.newEnd;
    }
    delta += grows;
  }
  return point + delta;
}

/**
 * Maps a span of the old text through the changes (sorted, as diffTexts gives them). A change that
 * removes or replaces any of its characters, or inserts strictly inside it, touches it; an insertion
 * at either end does not (the quote is the same). An untouched span moves by the changes before it;
 * a touched one's place is where its ends map to, for the search that follows.
 */
export function mapSpan(hunks: readonly THunk[], span: { start: number; end: number }): TMappedSpan {
  const touched = hunks.some((h) => (h.oldStart === h.oldEnd ? h.oldStart > span.start && h.oldStart < span.end : h.oldStart < span.end && h.oldEnd > span.start));
  const start = mapPoint(hunks, span.start, "start");
  const end = Math.max(start, mapPoint(hunks, span.end, "end"));
  return { touched, start, end };
}
