import { z } from "zod";
import type { TSource } from "@/lib/sources/schemas";
import type { TStatus } from "@/lib/statuses";

/** Columns the registry sorts by; "citations" is the number of live annotations that claim the source. */
export const REGISTRY_SORTS = ["title", "kind", "authors", "date", "citations"] as const;
export type TRegistrySort = (typeof REGISTRY_SORTS)[number];
export type TSortDirection = "asc" | "desc";

/** `?q=&sort=&dir=` of GET /api/v1/sources and of the /sources page; bad values fall back to the defaults. */
export const ZRegistryQuery = z.object({
  workspaceId: z.string({ error: "Choose a workspace" }).min(1, "Choose a workspace"),
  q: z.string().max(300).catch("").default(""),
  sort: z.enum(REGISTRY_SORTS).catch("title").default("title"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
});
export type TRegistryQuery = z.infer<typeof ZRegistryQuery>;

/** A source with how often, and with which statuses, annotations claim it. */
export type TRegistryEntry = TSource & { citationCount: number; statusCounts: Partial<Record<TStatus, number>> };

export const ZMergeSource = z.strictObject({ intoId: z.string({ error: "Choose the source to keep" }).min(1, "Choose the source to keep") });

/** Citing rows (annotations, evidence, chain hops) a merge moves in one transaction; a source cited more is merged in the background, in batches. */
export const MERGE_INLINE_MAX = 500;

export type TMergeResult = {
  id: string;
  keptId: string;
  mergedId: string;
  moved: { annotations: number; evidence: number; chainHops: number };
  /** DONE at once for most merges; a heavily cited source's merge runs in the background (RUNNING, `done` of `total` citing rows moved). */
  state: "RUNNING" | "DONE" | "FAILED";
  done: number;
  total: number;
  /** Why it failed, when it did. */
  error?: string;
};

/** A merge into a source, for the kept source's page (with Undo for owners). */
export type TMergeSummary = TMergeResult & { mergedTitle: string; actorName: string; createdAt: string };
