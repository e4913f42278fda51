"use client";
import { useEffect } from "react";
import { shorten } from "@/lib/anchoring/selectors";
import type { TAnnotationView } from "@/lib/annotations/schemas";

export const UNDO_MS = 10_000;

/** "Annotation deleted · Undo", for 10 seconds. */
export function UndoToast(props: { annotation: TAnnotationView; onUndo: () => void; onExpire: () => void }) {
  const { onExpire } = props;
  useEffect(() => {
    const timer = setTimeout(onExpire, UNDO_MS);
    return () => clearTimeout(timer);
  }, [props.annotation.id, onExpire]);
  return (
    <div role="status" className="toast">
      Annotation deleted: “{shorten(props.annotation.exact, 40)}”.{" "}
      <button type="button" className="button" onClick={props.onUndo}>
        Undo
      </button>
    </div>
  );
}
