"use client";
import { usePresence } from "@/components/live/presence-store";

/** "Also here: Rena (editor), …": the other members who have this document open, live; nothing when nobody else. */
export function Presence(props: { documentId: string; viewerId: string }) {
  const others = usePresence(props.documentId).filter((p) => p.id !== props.viewerId);
  return (
    // Always rendered, so screen readers hear the list change.
    <div className="presence" aria-live="polite">
      {others.length > 0 && (
        <p>
          Also here:{" "}
          {others.map((p, i) => (
            <span key={p.id} title={p.email}>
              {i > 0 && ", "}
              {p.name} ({p.role.toLowerCase()})
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
