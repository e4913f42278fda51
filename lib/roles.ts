import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["OWNER", "EDITOR", "REVIEWER", "VIEWER"] as const satisfies readonly Role[];
export type TRole = (typeof ROLES)[number];

const RANK: Record<TRole, number> = { VIEWER: 0, REVIEWER: 1, EDITOR: 2, OWNER: 3 };

export const ROLE_DESCRIPTIONS: Record<TRole, string> = {
  OWNER: "Members, settings and everything editors do",
  EDITOR: "Documents, sources and final verdicts",
  REVIEWER: "Annotate, set statuses, comment",
  VIEWER: "Read and export",
};

/** True when `role` grants at least what `needed` grants. */
export function hasRole(role: TRole, needed: TRole): boolean {
  return RANK[role] >= RANK[needed];
}
