import { z } from "zod";
import type { TAnnotation, TPerson } from "@/lib/annotations/schemas";
import type { TSource } from "@/lib/sources/schemas";

export const STANCES = ["SUPPORTS", "CONTRADICTS", "CONTEXT"] as const;
export type TStance = (typeof STANCES)[number];

/** Label, a glyph (so the stance never rests on colour alone) and what the stance means. */
export const STANCE_INFO: Record<TStance, { label: string; symbol: string; meaning: string }> = {
  SUPPORTS: { label: "Supports", symbol: "✓", meaning: "The passage says what the text attributes to the source." },
  CONTRADICTS: { label: "Contradicts", symbol: "✗", meaning: "The passage says otherwise." },
  CONTEXT: { label: "Context", symbol: "ℹ", meaning: "The passage neither confirms nor refutes it, but matters for reading it." },
};

/** A generous cap: an annotation with more items than this is a mistake or abuse. */
export const MAX_EVIDENCE_PER_ANNOTATION = 100;

const ZUrl = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters")
  .refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), { message: "Use a full http:// or https:// address" });

/** "YYYY-MM-DD" of a real day, or "" when not recorded. */
export function isDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

const fields = {
  sourceId: z.string().min(1, "Choose a source").nullable(),
  locator: z.string().trim().max(300, "At most 300 characters"),
  passage: z.string().trim().max(20_000, "At most 20,000 characters"),
  passageTranslation: z.string().trim().max(20_000, "At most 20,000 characters"),
  url: ZUrl,
  archivedUrl: ZUrl,
  accessedOn: z
    .string()
    .trim()
    .refine((v) => v === "" || isDay(v), { message: "Use a date such as 2024-05-31" }),
  stance: z.enum(STANCES, { error: "Choose whether it supports, contradicts or gives context" }),
  note: z.string().max(20_000, "At most 20,000 characters"),
};

/** The fields an evidence item is made of (what events snapshot, and what the emptiness rule reads). */
export type TEvidenceFields = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };

/**
 * An item must point at what was found: a passage, a source or an address. A stance and a note
 * alone record an opinion, not evidence. Null when the item is fine. Pure; used on add and edit.
 */
export function emptyEvidenceProblem(item: Pick<TEvidenceFields, "sourceId" | "passage" | "url" | "archivedUrl">): { field: string; message: string } | null {
  if (item.sourceId || item.passage || item.url || item.archivedUrl) return null;
  return { field: "passage", message: "Give the passage found, its source, or its URL" };
}

export const ZCreateEvidence = z
  .strictObject({
    sourceId: fields.sourceId.default(null),
    locator: fields.locator.default(""),
    passage: fields.passage.default(""),
    passageTranslation: fields.passageTranslation.default(""),
    url: fields.url.default(""),
    archivedUrl: fields.archivedUrl.default(""),
    accessedOn: fields.accessedOn.default(""),
    stance: fields.stance,
    note: fields.note.default(""),
  })
  .superRefine((v, ctx) => {
    const problem = emptyEvidenceProblem(v);
    if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });
export type TCreateEvidence = z.input<typeof ZCreateEvidence>;
export type TCreateEvidenceParsed = z.output<typeof ZCreateEvidence>;

/** Fields to change, against the item's own version (409 with the item as it stands when stale). */
export const ZUpdateEvidence = z.strictObject({
  version: z.number({ error: "Send the version you edited" }).int().positive(),
  sourceId: fields.sourceId.optional(),
  locator: fields.locator.optional(),
  passage: fields.passage.optional(),
  passageTranslation: fields.passageTranslation.optional(),
  url: fields.url.optional(),
  archivedUrl: fields.archivedUrl.optional(),
  accessedOn: fields.accessedOn.optional(),
  stance: fields.stance.optional(),
  note: fields.note.optional(),
});
export type TUpdateEvidence = z.input<typeof ZUpdateEvidence>;
export type TUpdateEvidenceParsed = z.output<typeof ZUpdateEvidence>;

/** What the server returns of an evidence item. */
export type TEvidence = TEvidenceFields & {
  id: string;
  annotationId: string;
  source: TSource | null;
  version: number;
  createdBy: TPerson;
  createdAt: string;
  updatedAt: string;
};

/** An evidence item with its annotation after the change, whose version the change bumped. */
export type TEvidenceChange = { evidence: TEvidence; annotation: TAnnotation };
