import { createHash, randomBytes } from "node:crypto";

/**
 * The token secret itself, pure (no database): `pv_` and 32 random bytes in base64url. Only its
 * SHA-256 is stored, so a database leak reveals no usable token; 256 random bits need no salt or
 * slow hash, and a hash lets the token be found by a unique index instead of compared row by row.
 */
export const TOKEN_PREFIX = "pv_";
const SHAPE = /^pv_[A-Za-z0-9_-]{43}$/;
/** Characters kept in clear: "pv_" and 7 of the secret's, enough to tell a member's tokens apart. */
const SHOWN = 10;

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokenPrefix(token: string): string {
  return token.slice(0, SHOWN);
}

/** True for a string that could be one of our tokens; anything else is refused without a lookup. */
export function isTokenShaped(token: string): boolean {
  return SHAPE.test(token);
}
