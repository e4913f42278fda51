import { z } from "zod";

/** Personal API tokens: what a token may do, how many a member may hold, and what the server shows of one. */

export const TOKEN_SCOPES = ["READ", "READ_WRITE"] as const;
export type TTokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_INFO: Record<TTokenScope, { label: string; meaning: string }> = {
  READ: { label: "Read", meaning: "GET requests only: lists, records, downloads and live streams" },
  READ_WRITE: { label: "Read and write", meaning: "Everything your roles allow, as in the app" },
};

/** Live (not revoked) tokens one member may hold at once. */
export const MAX_LIVE_TOKENS = 50;

/** The lifetimes offered for a new token, in days; null ("never") only when chosen. */
export const TOKEN_LIFETIMES = [30, 90, 365] as const;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

export const ZCreateToken = z.strictObject({
  name: z.string({ error: "Give the token a name" }).trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose READ or READ_WRITE" }),
  /** Days until the token expires (default 90); null for a token that never expires, an explicit choice. */
  expiresInDays: z
    .number({ error: "Give a number of days, or null for never" })
    .int("Give a whole number of days")
    .min(1, "At least 1 day")
    .max(3650, "At most 3650 days")
    .nullable()
    .default(DEFAULT_TOKEN_LIFETIME_DAYS),
});
export type TCreateToken = z.input<typeof ZCreateToken>;

/** A token as its owner sees it: never the token itself, nor its hash. */
export type TApiToken = {
  id: string;
  name: string;
  scope: TTokenScope;
  /** The token's first characters ("pv_AbCdEfG"), to tell tokens apart. */
  prefix: string;
  createdAt: string;
  /** Null when the holder chose a token that never expires. */
  expiresAt: string | null;
  /** Past its expiry when read: refused (401). */
  expired: boolean;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The answer to creating a token: the only time `token` is ever sent. */
export type TCreatedToken = TApiToken & { token: string };
