import { z } from "zod";

/** The kinds of notification besides mentions, in the order the settings list them. */
export const NOTIFICATION_KINDS = ["SIGN_OFF_REQUESTED", "VERDICT_RETURNED", "VERDICT_CONFIRMED", "ASSIGNED"] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What each kind is, in the settings' words. */
export const NOTIFICATION_LABELS: Record<TNotificationKind, { label: string; hint: string }> = {
  SIGN_OFF_REQUESTED: { label: "A verdict waits for my sign-off", hint: "Sent to editors and owners of the workspace." },
  VERDICT_RETURNED: { label: "My verdict was returned", hint: "With the reason the editor gave." },
  VERDICT_CONFIRMED: { label: "My verdict was confirmed", hint: "When an editor signs it off." },
  ASSIGNED: { label: "An annotation was assigned to me", hint: "Whoever assigned it, from the annotation or the queue." },
};

/** The kinds a person wants in their inbox: every kind, on or off; a kind left out keeps its setting. */
export const ZNotificationSettings = z.strictObject(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.boolean({ error: "Send true (on) or false (off)" }).optional()])) as Record<
    TNotificationKind,
    z.ZodOptional<z.ZodBoolean>
  >,
);
export type TNotificationSettingsInput = z.infer<typeof ZNotificationSettings>;
/** Each kind, true when it reaches the inbox. */
export type TNotificationSettings = Record<TNotificationKind, boolean>;
