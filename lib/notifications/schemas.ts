import { z } from "zod";

/** The kinds of notification besides mentions (the Notification rows), in the order the settings list them. */
export const NOTIFICATION_KINDS = ["SIGN_OFF_REQUESTED", "VERDICT_RETURNED", "VERDICT_CONFIRMED", "ASSIGNED"] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Everything the inbox holds, mentions first: each kind can be turned off per person. */
export const INBOX_KINDS = ["MENTION", ...NOTIFICATION_KINDS] as const;
export type TInboxKind = (typeof INBOX_KINDS)[number];

/** What each kind is, in the settings' words. */
export const NOTIFICATION_LABELS: Record<TInboxKind, { label: string; hint: string }> = {
  MENTION: { label: "A comment mentions me", hint: "When someone names you with @ in a discussion." },
  SIGN_OFF_REQUESTED: { label: "A verdict waits for my sign-off", hint: "Sent to editors and owners of the workspace." },
  VERDICT_RETURNED: { label: "My verdict was returned", hint: "With the reason the editor gave." },
  VERDICT_CONFIRMED: { label: "My verdict was confirmed", hint: "When an editor signs it off." },
  ASSIGNED: { label: "An annotation was assigned to me", hint: "Whoever assigned it, from the annotation or the queue." },
};

/** The kinds a person wants in their inbox: every kind, on or off; a kind left out keeps its setting. */
export const ZNotificationSettings = z.strictObject(
  Object.fromEntries(INBOX_KINDS.map((kind) => [kind, z.boolean({ error: "Send true (on) or false (off)" }).optional()])) as Record<
    TInboxKind,
    z.ZodOptional<z.ZodBoolean>
  >,
);
export type TNotificationSettingsInput = z.infer<typeof ZNotificationSettings>;
/** Each kind, true when it reaches the inbox. */
export type TNotificationSettings = Record<TInboxKind, boolean>;
