"use client";
import { useId, useMemo } from "react";
import { SPAN_KEYS } from "@/components/annotator/reading-shortcuts";
import { useShortcutKeys } from "@/components/ui/shortcuts";
import { cpSlice } from "@/lib/anchoring/code-points";
import { shorten } from "@/lib/anchoring/selectors";
import { nudgeSpan, type TSpan, type TSpanEnd } from "@/lib/anchoring/word-span";

const MOVES: { which: TSpanEnd; label: string; earlier: string; later: string }[] = [
  { which: "start", label: "Start", earlier: SPAN_KEYS.startEarlier, later: SPAN_KEYS.startLater },
  { which: "end", label: "End", earlier: SPAN_KEYS.endEarlier, later: SPAN_KEYS.endLater },
];

/**
 * The span of the edit form, shown as its quote: moved by taking the text selection, or an end at a
 * time by a word (buttons, and the keys of reading-shortcuts.ts while focus is on the annotation's
 * entry). Offsets stay behind the scenes: the form sends them, the reader sees words.
 */
export function SpanMover(props: {
  annotationId: string;
  text: string;
  span: TSpan;
  /** The saved quote while the span is where it was saved (no need to slice the text). */
  exact?: string;
  textSelection: TSpan | null;
  onChange: (span: TSpan) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const { text, span, onChange } = props;
  const quote = useMemo(() => props.exact ?? cpSlice(text, span.start, span.end), [props.exact, text, span.start, span.end]);
  const move = (which: TSpanEnd, direction: -1 | 1) => onChange(nudgeSpan(text, span, which, direction));
  const keys = Object.fromEntries(MOVES.flatMap((m) => [[m.earlier, () => move(m.which, -1)] as const, [m.later, () => move(m.which, 1)] as const]));
  useShortcutKeys(props.disabled ? {} : keys, { when: (target) => target.closest(`[data-annotation-id="${CSS.escape(props.annotationId)}"]`) !== null });
  const selection = props.textSelection;
  return (
    <fieldset className="span-fields" disabled={props.disabled} aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>Quoted span</legend>
      <blockquote className="quote span-quote" aria-live="polite">
        “{shorten(quote, 240)}”
      </blockquote>
      {MOVES.map((m) => (
        <div key={m.which} role="group" aria-labelledby={`${id}-${m.which}`} className="span-move">
          <span id={`${id}-${m.which}`} className="span-move-label">
            {m.label}
          </span>
          <button type="button" className="button" aria-label={`${m.label} one word earlier`} aria-keyshortcuts={m.earlier} onClick={() => move(m.which, -1)}>
            <span aria-hidden="true">‹</span> Earlier
          </button>
          <button type="button" className="button" aria-label={`${m.label} one word later`} aria-keyshortcuts={m.later} onClick={() => move(m.which, 1)}>
            Later <span aria-hidden="true">›</span>
          </button>
        </div>
      ))}
      <button type="button" className="button" disabled={!selection} aria-describedby={`${id}-selection-hint`} onClick={() => selection && onChange({ start: selection.start, end: selection.end })}>
        Use text selection
      </button>
      <p id={`${id}-selection-hint`} className="hint">
        {selection ? "Makes the text selected in the document this annotation's span." : "Select text in the document to use it as the span."}
      </p>
      {props.error && (
        <p id={`${id}-error`} role="alert" className="error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
