import { randomBytes } from "node:crypto";
import { hashToken } from "@/lib/tokens/secret";

/**
 * The secret of an invitation link: 32 random bytes in base64url, pure (no database). As with API
 * tokens only its SHA-256 is stored, so a database leak reveals no usable link.
 */
const SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** How long an invitation can be used. */
export const INVITATION_DAYS = 7;

export function generateInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form; anything not shaped like a token gets no lookup (null). */
export function invitationHash(token: string): string | null {
  return SHAPE.test(token) ? hashToken(token) : null;
}

export function invitationPath(token: string): string {
  return `/invitations/${token}`;
}

export function invitationExpiry(now = new Date()): Date {
  return new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
}
