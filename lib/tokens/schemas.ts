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

export const ZCreateToken = z.strictObject({
  name: z.string({ error: "Give the token a name" }).trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose READ or READ_WRITE" }),
});
export type TCreateToken = z.infer<typeof ZCreateToken>;

/** A token as its owner sees it: never the token itself, nor its hash. */
export type TApiToken = {
  id: string;
  name: string;
  scope: TTokenScope;
  /** The token's first characters ("pv_AbCdEfG"), to tell tokens apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The answer to creating a token: the only time `token` is ever sent. */
export type TCreatedToken = TApiToken & { token: string };
