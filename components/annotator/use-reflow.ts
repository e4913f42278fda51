"use client";
import { useCallback, useSyncExternalStore } from "react";

const key = (documentId: string) => `pv:reflow:${documentId}`;
/** Sent on `window` when this page changes a choice (the "storage" event only tells other tabs). */
const CHANGED = "pv:reflow";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function read(documentId: string): boolean {
  try {
    return window.localStorage.getItem(key(documentId)) === "1";
  } catch {
    // Storage refused (private mode, a policy): off.
    return false;
  }
}

/**
 * "Reflow lines", remembered per document in this browser (localStorage). Off on the server, which
 * cannot know the choice; the stored one applies as soon as the page is hydrated.
 */
export function useReflow(documentId: string): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, () => read(documentId), () => false);
  const choose = useCallback(
    (next: boolean) => {
      try {
        if (next) window.localStorage.setItem(key(documentId), "1");
        else window.localStorage.removeItem(key(documentId));
      } catch {
        // As above: nothing can be kept, and the text stays as it is.
      }
      window.dispatchEvent(new Event(CHANGED));
    },
    [documentId],
  );
  return [on, choose];
}
