import "server-only";
import { visibleAnnotations } from "@/lib/access";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { INBOX_KINDS, type TNotificationSettings } from "@/lib/notifications/schemas";

/** The user's notifications that they can still see: on live annotations of documents of workspaces they belong to. */
export function visibleNotifications(userId: string): Prisma.NotificationWhereInput {
  return { userId, annotation: { deletedAt: null, ...visibleAnnotations(userId) } };
}

export async function unreadNotificationCount(options: { userId: string }): Promise<number> {
  return db().notification.count({ where: { ...visibleNotifications(options.userId), readAt: null } });
}

/** Which kinds reach the user's inbox. */
export async function getNotificationSettings(options: { userId: string }): Promise<TNotificationSettings> {
  const { notificationsOff } = await db().user.findUniqueOrThrow({ where: { id: options.userId }, select: { notificationsOff: true } });
  return Object.fromEntries(INBOX_KINDS.map((kind) => [kind, !notificationsOff.includes(kind)])) as TNotificationSettings;
}
