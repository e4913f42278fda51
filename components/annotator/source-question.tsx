"use client";
import { sourceLabel } from "@/lib/sources/label";
import type { TSource } from "@/lib/sources/schemas";

/**
 * Text typed in the claimed-source combobox and left without a choice: which source it meant,
 * asked before the annotation is saved, so that it is never saved unsourced by accident.
 */
export function SourceQuestion(props: { id: string; text: string; sources: TSource[]; onExisting: (source: TSource) => void; onCreate: () => void; onNone: () => void }) {
  return (
    <div role="group" aria-labelledby={props.id} className="source-question">
      <p id={props.id}>{props.sources.length ? `Which source do you mean by “${props.text}”?` : `“${props.text}” is not a source yet.`}</p>
      <ul className="plain">
        {props.sources.map((s) => (
          <li key={s.id}>
            <button type="button" className="button link" onClick={() => props.onExisting(s)}>
              {sourceLabel(s)}
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="button link" onClick={props.onCreate}>
            Create source “{props.text}”
          </button>
        </li>
        <li>
          <button type="button" className="button link" onClick={props.onNone}>
            No source yet
          </button>
        </li>
      </ul>
    </div>
  );
}
