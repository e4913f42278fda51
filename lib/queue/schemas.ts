import { z } from "zod";
import type { TPerson } from "@/lib/annotations/schemas";
import type { TAppErrorBody } from "@/lib/errors";
import { SIGN_OFF_STATES, STATUSES, type TSignOffState, type TStatus } from "@/lib/statuses";

/*
 * The verification queue's vocabulary, shared by the page, the dashboard's links and the bulk API.
 * Pure: no server imports.
 */

export const QUEUE_TABS = ["mine", "unassigned", "sign-off", "all"] as const;
export type TQueueTab = (typeof QUEUE_TABS)[number];

export const QUEUE_TAB_INFO: Record<TQueueTab, { label: string; empty: string }> = {
  mine: { label: "Assigned to me", empty: "Nothing assigned to you is waiting." },
  unassigned: { label: "Unassigned and unverified", empty: "Every unverified annotation has someone assigned." },
  "sign-off": { label: "Waiting for my sign-off", empty: "No verdict is waiting for your sign-off." },
  // Where the dashboard's counts lead: every live annotation, with the same filters.
  all: { label: "All annotations", empty: "No annotations match." },
};

/** Rows per page. */
export const QUEUE_PAGE_SIZE = 50;

/** A position in a tab's order: the row's sort time (createdAt, or verdictAt for sign-off) and id. */
export type TCursor = { at: Date; id: string };

export function encodeCursor(cursor: TCursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

export function decodeCursor(value: string | undefined): TCursor | undefined {
  const match = value ? /^(\d{1,15})\.([\w-]{1,64})$/.exec(value) : null;
  return match ? { at: new Date(Number(match[1])), id: match[2] } : undefined;
}

/** "none" filters the annotations that cite no source yet. */
export const NO_SOURCE = "none";

export type TQueueFilters = { document?: string; source?: string; status?: TStatus; signOff?: TSignOffState };

/** What the queue's URL holds. */
export type TQueueParams = TQueueFilters & { workspace?: string; tab?: TQueueTab; after?: string; before?: string };

const optionalId = z.string().trim().min(1).max(64).optional().catch(undefined);

/**
 * Reads the queue's search params leniently: a URL is typed or pasted by people, so a value that
 * makes no sense is dropped (no filter), never an error page.
 */
export const ZQueueParams = z.object({
  workspace: optionalId,
  /** Left out: "mine" for those who check annotations, "all" for viewers (see defaultTab). */
  tab: z.enum(QUEUE_TABS).optional().catch(undefined),
  document: optionalId,
  source: optionalId,
  status: z.enum(STATUSES).optional().catch(undefined),
  signOff: z.enum(SIGN_OFF_STATES).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
  before: z.string().max(100).optional().catch(undefined),
});

export function parseQueueParams(searchParams: Record<string, string | string[] | undefined>): TQueueParams {
  const first = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return ZQueueParams.parse(first);
}

/** The queue's URL for these params; empty ones are left out, so links stay short and shareable. */
export function queueHref(params: Partial<TQueueParams>): string {
  const search = new URLSearchParams();
  for (const key of ["workspace", "tab", "document", "source", "status", "signOff", "after", "before"] as const) {
    const value = params[key];
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return query ? `/queue?${query}` : "/queue";
}

/** One row of the queue as the page shows it. */
export type TQueueRow = {
  id: string;
  version: number;
  exact: string;
  documentId: string;
  documentTitle: string;
  /** `label` is the source's short label (lib/sources/label.ts). */
  source: { id: string; title: string; label: string } | null;
  status: TStatus;
  signOff: TSignOffState;
  assignee: TPerson | null;
  verdictBy: TPerson | null;
  createdAt: string;
  verdictAt: string | null;
};

export type TQueuePage = {
  rows: TQueueRow[];
  /** Cursors for the neighbouring pages, when there are rows there. */
  next?: string;
  previous?: string;
};

/**
 * Counts above this show as "1,000+". Counting stops there: each tab's count reads up to 1,001
 * rows in its page's index order, a few ms; at 10,000 the four tabs took 50–100 ms each on a
 * million annotations, and past a thousand the exact figure tells a reviewer nothing more.
 */
export const QUEUE_COUNT_CAP = 1_000;

/** "999", "1,000", or "1,000+" above the cap. */
export function formatQueueCount(n: number): string {
  return n > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP.toLocaleString("en-GB")}+` : n.toLocaleString("en-GB");
}

/** Row counts per tab under the current filters (at most QUEUE_COUNT_CAP + 1); null for a tab the user may not use. */
export type TQueueCounts = Record<TQueueTab, number | null>;

/** The most rows one bulk request may change; the page sends at most 50. */
export const MAX_BULK_ROWS = 200;

const ZBulkItems = z
  .array(
    z.strictObject({
      id: z.string({ error: "Send the annotation's id" }).min(1, "Send the annotation's id").max(64),
      version: z.number({ error: "Send the version you saw" }).int().positive(),
    }),
    { error: "Send the rows as a list of { id, version }" },
  )
  .min(1, "Select at least one row")
  .max(MAX_BULK_ROWS, `At most ${MAX_BULK_ROWS} rows per request`)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "Send each row once");

/** One action on many annotations, each against the version the client showed. */
export const ZBulkRequest = z.discriminatedUnion(
  "action",
  [
    z.strictObject({
      action: z.literal("assign"),
      items: ZBulkItems,
      /** A member with the REVIEWER role or above, or null to unassign. */
      assigneeId: z.string({ error: "Choose a member, or null to unassign" }).min(1).max(64).nullable(),
    }),
    z.strictObject({ action: z.literal("status"), items: ZBulkItems, status: z.enum(STATUSES, { error: `Use one of ${STATUSES.join(", ")}` }) }),
    z.strictObject({ action: z.literal("checklist"), items: ZBulkItems, onChecklist: z.boolean({ error: "Send true or false" }) }),
  ],
  { error: "Use the action assign, status or checklist" },
);
export type TBulkRequest = z.infer<typeof ZBulkRequest>;
export type TBulkAction = TBulkRequest["action"];
/** A bulk request without its rows: what the queue's form chose (Omit per member of the union). */
export type TBulkChange = TBulkRequest extends infer R ? (R extends { items: unknown } ? Omit<R, "items"> : never) : never;

/**
 * One row's outcome: done (`changed` false when it already was so), or refused with the reason
 * (VALIDATION: a rule such as the evidence rule; CONFLICT: stale, with `current`; NOT_FOUND;
 * FORBIDDEN).
 */
export type TBulkRowResult = { id: string; ok: true; changed: boolean } | { id: string; ok: false; error: TAppErrorBody };
export type TBulkResult = { results: TBulkRowResult[] };
