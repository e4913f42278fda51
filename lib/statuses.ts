/**
 * The verification status vocabulary: one definition used by the UI, the API and the exports.
 * Colours are from the Okabe–Ito colour-blind-safe palette; each status also has its own underline
 * style so colour is never the only cue. Pure.
 */
import type { VerificationStatus } from "@/lib/generated/prisma/enums";

export const STATUSES = [
  "UNVERIFIED",
  "IN_PROGRESS",
  "VERIFIED",
  "PARTLY_VERIFIED",
  "MISATTRIBUTED",
  "CONTRADICTED",
  "SOURCE_NOT_FOUND",
] as const satisfies readonly VerificationStatus[];

export type TStatus = (typeof STATUSES)[number];

export type TStatusInfo = {
  label: string;
  meaning: string;
  /** Highlight background (with alpha, so overlapping spans read darker). */
  background: string;
  /** Solid colour for badges, underlines and bars. */
  colour: string;
  underline: "dotted" | "dashed" | "solid" | "double" | "wavy";
  /** A glyph shown in badges, a non-colour cue. */
  symbol: string;
};

export const STATUS_INFO: Record<TStatus, TStatusInfo> = {
  UNVERIFIED: { label: "Unverified", meaning: "Nobody has checked it yet.", background: "rgba(153, 153, 153, 0.28)", colour: "#6b6b6b", underline: "dotted", symbol: "○" },
  IN_PROGRESS: { label: "In progress", meaning: "A reviewer is checking it.", background: "rgba(86, 180, 233, 0.30)", colour: "#1f78b4", underline: "dashed", symbol: "◔" },
  VERIFIED: { label: "Verified", meaning: "The cited source says this.", background: "rgba(0, 158, 115, 0.28)", colour: "#007a5a", underline: "solid", symbol: "✓" },
  PARTLY_VERIFIED: {
    label: "Partly verified",
    meaning: "The source supports part of it, or says it with differences (a figure, a date, a wording).",
    background: "rgba(240, 228, 66, 0.45)",
    colour: "#7a6e00",
    underline: "double",
    symbol: "◐",
  },
  MISATTRIBUTED: {
    label: "Misattributed",
    meaning: "The source exists but does not say this, or the claim comes from somewhere else.",
    background: "rgba(204, 121, 167, 0.32)",
    colour: "#a6437f",
    underline: "wavy",
    symbol: "↷",
  },
  CONTRADICTED: { label: "Contradicted", meaning: "The cited source says otherwise.", background: "rgba(213, 94, 0, 0.28)", colour: "#b34d00", underline: "wavy", symbol: "✗" },
  SOURCE_NOT_FOUND: {
    label: "Source not found",
    meaning: "The cited source could not be located or accessed.",
    background: "rgba(0, 114, 178, 0.22)",
    colour: "#0b4f7a",
    underline: "dashed",
    symbol: "?",
  },
};

export function isStatus(value: unknown): value is TStatus {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

/**
 * Verdicts that claim something was found in (or against) a source. The server refuses them on
 * an annotation without at least one live evidence item, so every such verdict can be traced to
 * what the reviewer read.
 */
export const STATUSES_NEEDING_EVIDENCE = ["VERIFIED", "PARTLY_VERIFIED", "MISATTRIBUTED", "CONTRADICTED"] as const satisfies readonly TStatus[];

export function needsEvidence(status: TStatus): boolean {
  return (STATUSES_NEEDING_EVIDENCE as readonly TStatus[]).includes(status);
}

/**
 * Statuses that are a reviewer's finding about the attribution (not work in progress). Under the
 * workspace's two-person rule each one waits for another EDITOR or OWNER to confirm it.
 */
export const VERDICTS = ["VERIFIED", "PARTLY_VERIFIED", "MISATTRIBUTED", "CONTRADICTED", "SOURCE_NOT_FOUND"] as const satisfies readonly TStatus[];

export function isVerdict(status: TStatus): boolean {
  return (VERDICTS as readonly TStatus[]).includes(status);
}

/** Where a verdict stands under the two-person rule. */
export const SIGN_OFF_STATES = ["NONE", "AWAITING", "CONFIRMED", "RETURNED"] as const;
export type TSignOffState = (typeof SIGN_OFF_STATES)[number];

export const SIGN_OFF_INFO: Record<TSignOffState, { label: string; symbol: string }> = {
  NONE: { label: "No sign-off", symbol: "" },
  AWAITING: { label: "Awaiting sign-off", symbol: "◌" },
  CONFIRMED: { label: "Signed off", symbol: "✔" },
  RETURNED: { label: "Returned", symbol: "↩" },
};

/** The message refusing `status` for an annotation with `liveEvidence` items, or null when it is allowed. */
export function evidenceRuleProblem(status: TStatus, liveEvidence: number): string | null {
  return needsEvidence(status) && liveEvidence < 1 ? `Add at least one evidence item before setting ${STATUS_INFO[status].label}` : null;
}

/** Why the last evidence item of an annotation with such a status cannot be removed. */
export function lastEvidenceProblem(status: TStatus): string {
  return `This is the only evidence for a ${STATUS_INFO[status].label} annotation: add other evidence, or change its status first`;
}
