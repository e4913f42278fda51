import type { TShortcutGroup } from "@/components/ui/shortcuts";

/** The reading view's keys: bound from here (annotator.tsx, annotation-editor.tsx) and listed from here, so the help never drifts. */
export const READING_KEYS = { next: "j", previous: "k", goTo: "g" } as const;
/** Moving the span in the edit form, a word at a time. */
export const SPAN_KEYS = { startEarlier: "[", startLater: "]", endEarlier: "{", endLater: "}" } as const;

const shown = (key: string) => key.toUpperCase();

/** What the shortcut help lists in the reading view; a reader who cannot annotate is not offered A or editing. */
export function readingShortcuts(canAnnotate: boolean): TShortcutGroup[] {
  const reading: TShortcutGroup = {
    title: "Reading",
    shortcuts: [
      { keys: [shown(READING_KEYS.next)], does: "Choose the next annotation in the text and scroll to it" },
      { keys: [shown(READING_KEYS.previous)], does: "Choose the previous annotation in the text and scroll to it" },
      { keys: [shown(READING_KEYS.goTo)], does: "Go to the chosen annotation's entry in the list (focus moves there)" },
      { keys: ["Shift + arrows"], does: "Select text in the document text (click in it or Tab to it first)" },
      ...(canAnnotate ? [{ keys: ["A"], does: "Annotate the selected text (in the document text)" }] : []),
      { keys: ["?"], does: "Show this list" },
    ],
  };
  if (!canAnnotate) return [reading];
  return [
    reading,
    {
      title: "Editing an annotation",
      when: "With focus on the chosen annotation's entry or its edit form, outside its text fields.",
      shortcuts: [
        { keys: [SPAN_KEYS.startEarlier], does: "Move the span's start one word earlier" },
        { keys: [SPAN_KEYS.startLater], does: "Move the span's start one word later" },
        { keys: [SPAN_KEYS.endEarlier], does: "Move the span's end one word earlier" },
        { keys: [SPAN_KEYS.endLater], does: "Move the span's end one word later" },
      ],
    },
  ];
}
