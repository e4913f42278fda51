import { z } from "zod";
import type { TSource } from "@/lib/sources/schemas";
import { ZInlineSource } from "@/lib/sources/schemas";
import { STATUSES, type TSignOffState, type TStatus } from "@/lib/statuses";

const ZOffset = z.number({ error: "Must be a whole number" }).int("Must be a whole number").min(0, "Must be 0 or more");
const ZStatus = z.enum(STATUSES, { error: `Use one of ${STATUSES.join(", ")}` });

const editable = {
  locator: z.string().trim().max(300, "At most 300 characters"),
  attributionText: z.string().trim().max(1000, "At most 1000 characters"),
  note: z.string().max(20_000, "At most 20,000 characters"),
};

export const ZCreateAnnotation = z
  .strictObject({
    start: ZOffset,
    end: ZOffset,
    /** When sent, must equal the text between start and end. */
    exact: z.string().optional(),
    /** The revision of the text start and end count in; an earlier one is carried to the latest (or 409). */
    revision: z.number().int().positive().optional(),
    sourceId: z.string().min(1).nullable().optional(),
    source: ZInlineSource.optional(),
    locator: editable.locator.default(""),
    attributionText: editable.attributionText.default(""),
    status: ZStatus.default("UNVERIFIED"),
    note: editable.note.default(""),
  })
  .refine((v) => v.end > v.start, { path: ["end"], message: "The end must come after the start" })
  .refine((v) => !(v.sourceId && v.source), { path: ["source"], message: "Send either sourceId or source, not both" });
export type TCreateAnnotation = z.input<typeof ZCreateAnnotation>;
export type TCreateAnnotationParsed = z.output<typeof ZCreateAnnotation>;

export const ZUpdateAnnotation = z
  .strictObject({
    version: z.number({ error: "Send the version you edited" }).int().positive(),
    start: ZOffset.optional(),
    end: ZOffset.optional(),
    exact: z.string().optional(),
    sourceId: z.string().min(1).nullable().optional(),
    source: ZInlineSource.optional(),
    locator: editable.locator.optional(),
    attributionText: editable.attributionText.optional(),
    status: ZStatus.optional(),
    note: editable.note.optional(),
    /** A member with the REVIEWER role or above, or null to unassign. */
    assigneeId: z.string().min(1).nullable().optional(),
    onChecklist: z.boolean({ error: "Send true or false" }).optional(),
    /** Places an orphaned (imported, not found) annotation at start–end; any new span of an orphan places it too. */
    orphaned: z.literal(false, { error: "Only false: an annotation is placed, never made orphaned" }).optional(),
  })
  .refine((v) => (v.start === undefined) === (v.end === undefined), { path: ["end"], message: "Send start and end together" })
  .refine((v) => v.orphaned === undefined || v.start !== undefined, { path: ["start"], message: "Send where to place it (start and end)" })
  .refine((v) => v.start === undefined || v.end === undefined || v.end > v.start, { path: ["end"], message: "The end must come after the start" })
  .refine((v) => !(v.sourceId && v.source), { path: ["source"], message: "Send either sourceId or source, not both" });
export type TUpdateAnnotation = z.input<typeof ZUpdateAnnotation>;

/**
 * A decision under the two-person rule, against the annotation's version: an EDITOR or OWNER other
 * than whoever gave the verdict confirms it or returns it with a reason; a returned verdict is
 * submitted again by a REVIEWER or above.
 */
export const ZSignOff = z
  .strictObject({
    version: z.number({ error: "Send the version you saw" }).int().positive(),
    decision: z.enum(["CONFIRM", "RETURN", "RESUBMIT"], { error: "Use CONFIRM, RETURN or RESUBMIT" }),
    reason: z.string().trim().max(2000, "At most 2,000 characters").default(""),
  })
  .refine((v) => v.decision !== "RETURN" || v.reason.length > 0, { path: ["reason"], message: "Say why the verdict goes back" });
export type TSignOff = z.input<typeof ZSignOff>;
export type TSignOffParsed = z.output<typeof ZSignOff>;

export const ZAnnotationFilters = z.strictObject({
  status: ZStatus.optional(),
  sourceId: z.string().min(1).optional(),
  /** "true": only those a revision of the text flagged for a re-check. */
  needsRecheck: z.enum(["true", "false"], { error: "true or false" }).transform((v) => v === "true").optional(),
});

export type TPerson = { id: string; name: string; email: string };

/** The most hops an attribution chain may have; real chains have two or three. */
export const MAX_CHAIN_HOPS = 20;

/** One hop of an attribution chain, from this document back towards the original. */
/** A hop of the attribution chain: its source by id, title and label (lib/sources/label.ts), where in it, and a note. */
export type TChainHop = { sourceId: string; title: string; label: string; locator: string; note: string };

/** Replaces an annotation's whole chain, in order, against the annotation's version. */
export const ZSetChain = z.strictObject({
  version: z.number({ error: "Send the version you edited" }).int().positive(),
  hops: z
    .array(
      z.strictObject({
        sourceId: z.string({ error: "Choose a source" }).min(1, "Choose a source"),
        locator: editable.locator.default(""),
        note: z.string().max(2000, "At most 2,000 characters").default(""),
      }),
      { error: "Send the hops as a list" },
    )
    .max(MAX_CHAIN_HOPS, `At most ${MAX_CHAIN_HOPS} hops`),
});
export type TSetChain = z.input<typeof ZSetChain>;
export type TSetChainParsed = z.output<typeof ZSetChain>;

/** What the server returns of an annotation (API and server actions alike). */
export type TAnnotation = {
  id: string;
  documentId: string;
  workspaceId: string;
  documentRevision: number;
  start: number;
  end: number;
  /** In a paged document (a PDF), the page of the span's first and last code point; null otherwise. */
  page: number | null;
  endPage: number | null;
  exact: string;
  prefix: string;
  suffix: string;
  status: TStatus;
  source: TSource | null;
  locator: string;
  attributionText: string;
  note: string;
  version: number;
  createdBy: TPerson;
  updatedBy: TPerson;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** Live evidence items; the items themselves come from GET /api/v1/annotations/:id/evidence. */
  evidenceCount: number;
  /** The attribution chain in order, hop 1 first. */
  chain: TChainHop[];
  /** The member who is to check it. */
  assignee: TPerson | null;
  onChecklist: boolean;
  /** Who set the current verdict and when; null while the status is not a verdict. */
  verdictBy: TPerson | null;
  verdictAt: string | null;
  signOff: TSignOffState;
  /** Who confirmed or returned the verdict, and when; the reason when returned. */
  signedOffBy: TPerson | null;
  signedOffAt: string | null;
  signOffNote: string;
  /** Live comments in its discussion thread. */
  commentCount: number;
  threadResolved: boolean;
  /**
   * Imported but not found in the text: start–end is only the imported guess and `exact` the
   * imported quote. Not painted; listed apart until a reviewer places it.
   */
  orphaned: boolean;
  /** A revision of the text changed its words (or lost them): a reviewer is to look again. */
  needsRecheck: boolean;
  /** How close its re-placed quote is to the one before (0..1), once a revision changed it; else null. */
  anchorSimilarity: number | null;
};

export type TAnnotationEventType =
  | "CREATED"
  | "UPDATED"
  | "DELETED"
  | "RESTORED"
  | "EVIDENCE_ADDED"
  | "EVIDENCE_UPDATED"
  | "EVIDENCE_REMOVED"
  | "CHAIN_SET"
  | "SOURCE_MERGED"
  | "SOURCE_MERGE_UNDONE"
  | "ASSIGNED"
  | "SIGNED_OFF"
  | "SIGN_OFF_RETURNED"
  | "COMMENTED"
  | "COMMENT_EDITED"
  | "COMMENT_DELETED"
  | "THREAD_RESOLVED"
  | "THREAD_REOPENED"
  | "ANCHOR_SHIFTED"
  | "ANCHOR_CHANGED"
  | "ORPHANED"
  | "RECHECKED";

export type TAnnotationEvent = {
  id: string;
  type: TAnnotationEventType;
  actor: TPerson;
  version: number;
  createdAt: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
};

/** What the reading view keeps of an annotation: no context (prefix/suffix), which it never shows. */
/** What the reading view holds of an annotation: it works out pages from the document's own page starts. */
export type TAnnotationView = Omit<TAnnotation, "prefix" | "suffix" | "page" | "endPage">;

/**
 * The reading view's initial data: the source by id (the page sends the workspace's sources
 * once), so 2,000 annotations do not carry 2,000 copies of their sources.
 */
export type TAnnotationWire = Omit<TAnnotationView, "source"> & { sourceId: string | null };
