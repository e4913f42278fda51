"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { setNotificationSettings } from "@/lib/notifications/mutations";
import { ZNotificationSettings, type TNotificationSettings } from "@/lib/notifications/schemas";

/** One's own choice of what reaches the inbox; nobody else's. */
export async function setNotificationSettingsAction(input: unknown): Promise<TResult<TNotificationSettings>> {
  return runAction((user) => setNotificationSettings({ userId: user.id, input: parseInput(ZNotificationSettings, input) }));
}
