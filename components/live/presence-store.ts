"use client";
import { useSyncExternalStore } from "react";
import type { TPresentMember } from "@/lib/live/schemas";

/*
 * The presence list of the open document, shared between the reading view (whose stream receives
 * it) and the page header (which shows it): one stream per page, not one per component.
 */
const NOBODY: TPresentMember[] = [];
let current: { documentId: string; people: TPresentMember[] } | null = null;
const listeners = new Set<() => void>();

export function publishPresence(documentId: string, people: TPresentMember[] | null) {
  current = people ? { documentId, people } : current?.documentId === documentId ? null : current;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePresence(documentId: string): TPresentMember[] {
  return useSyncExternalStore(
    subscribe,
    () => (current?.documentId === documentId ? current.people : NOBODY),
    () => NOBODY,
  );
}
