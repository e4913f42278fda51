import "server-only";
import { db } from "@/lib/db";
import { getNotificationSettings } from "@/lib/notifications/queries";
import { INBOX_KINDS, type TNotificationSettings, type TNotificationSettingsInput } from "@/lib/notifications/schemas";

/** Turns kinds of notification on or off for the user; kinds left out keep their setting. Returns them all. */
export async function setNotificationSettings(options: { userId: string; input: TNotificationSettingsInput }): Promise<TNotificationSettings> {
  const { userId, input } = options;
  await db().$transaction(async (tx) => {
    const { notificationsOff } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { notificationsOff: true } });
    const off = INBOX_KINDS.filter((kind) => (input[kind] === undefined ? notificationsOff.includes(kind) : !input[kind]));
    await tx.user.update({ where: { id: userId }, data: { notificationsOff: off } });
  });
  return getNotificationSettings({ userId });
}
