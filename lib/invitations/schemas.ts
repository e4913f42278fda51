import { z } from "zod";
import { ZRole } from "@/lib/workspaces/schemas";

export const ZInvite = z.strictObject({
  email: z.string({ error: "Enter an email address" }).trim().toLowerCase().email("Enter a valid email address").max(320),
  role: ZRole,
});
export type TInvite = z.infer<typeof ZInvite>;

/** Choosing a password through an invitation: the account's e-mail is the invitation's. */
export const ZInvitationSignUp = z
  .strictObject({
    name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(120, "At most 120 characters"),
    password: z.string().min(12, "Use at least 12 characters").max(1024, "At most 1024 characters"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
export type TInvitationSignUp = z.infer<typeof ZInvitationSignUp>;

/** An invitation as its OWNER sees it in the pending list. */
export type TInvitationView = { id: string; email: string; role: z.infer<typeof ZRole>; createdAt: string; expiresAt: string };

/**
 * The answer to an invitation, the same whether or not the e-mail already had an account: the
 * link is shown this once.
 */
export type TInvitationCreated = { invitation: TInvitationView; token: string; path: string };

/** Why a link cannot be used, for the invitation page. */
export type TInvitationState = "pending" | "accepted" | "revoked" | "expired";
