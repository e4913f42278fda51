"use client";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import type { TAppErrorBody } from "@/lib/errors";

/** A refused change: the server's message, and for a stale version (409) a way to load what stands now. */
export function RefusedNotice(props: { error: TAppErrorBody | null; onReload: (current: TAnnotationView) => void }) {
  const { error } = props;
  if (!error) return null;
  const current = error.code === "CONFLICT" ? (error.current as TAnnotationView | undefined) : undefined;
  return (
    <div role="alert" className="error">
      <p>{error.message}</p>
      {current && (
        <button type="button" className="button" onClick={() => props.onReload(current)}>
          Reload their version
        </button>
      )}
    </div>
  );
}
