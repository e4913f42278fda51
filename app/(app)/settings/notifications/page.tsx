import type { Metadata } from "next";
import Link from "next/link";
import { NotificationSettingsForm } from "@/components/notifications/notification-settings-form";
import { getNotificationSettings } from "@/lib/notifications/queries";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Notifications" };

/** What reaches the signed-in member's inbox: mentions and the other kinds. */
export default async function NotificationSettingsPage() {
  const user = await requirePageUser();
  const settings = await getNotificationSettings({ userId: user.id });
  return (
    <main className="page">
      <h1>Notifications</h1>
      <p>
        Choose what your <Link href="/inbox">inbox</Link> tells you: the comments that mention you, and what happens to your work. A kind turned off stops
        new notifications of that kind; the ones already there stay.
      </p>
      <NotificationSettingsForm settings={settings} />
      <p>
        <Link href="/settings/tokens">API tokens</Link>
      </p>
    </main>
  );
}
