/** Applying annotations that arrive (live events, own saves) to a list kept in reading order. Pure apart from `removed`. */

export type TVersioned = { id: string; version: number; start: number; end: number; deletedAt: string | null };

/**
 * Takes `incoming` unless the list holds (or removed) a newer version of it: live events arrive
 * after the saves they announce and may carry an older state than the one held. An equal version
 * is taken, since a comment changes the counts without a new version. A deleted one leaves the
 * list, and its version is kept in `removed` so a late, older copy does not bring it back.
 * Returns the same list when nothing changed.
 */
export function applyAnnotation<T extends TVersioned>(list: T[], incoming: T, removed: Map<string, number>, order: (a: T, b: T) => number): T[] {
  const index = list.findIndex((x) => x.id === incoming.id);
  const held = index >= 0 ? list[index] : undefined;
  if (incoming.version < Math.max(held?.version ?? 0, removed.get(incoming.id) ?? 0)) return list;
  if (incoming.deletedAt) {
    removed.set(incoming.id, incoming.version);
    return held ? list.filter((x) => x !== held) : list;
  }
  if (held === incoming) return list;
  if (held && held.start === incoming.start && held.end === incoming.end) return list.map((x) => (x === held ? incoming : x));
  return [...list.filter((x) => x !== held), incoming].sort(order);
}
