import { StatusStyles } from "@/components/annotator/status-styles";
import { AppHeader } from "@/components/layout/app-header";
import { unreadInboxCount } from "@/lib/comments/queries";
import { requirePageUser } from "@/lib/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The one-time-password form lives under this layout too, so it may not redirect to itself.
  const user = await requirePageUser({ allowPasswordChange: true });
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader email={user.email} unread={await unreadInboxCount({ userId: user.id })} />
      {/* The status colours (--status-colour and friends) for every list, bar and badge of the app. */}
      <StatusStyles />
      <div id="main">{children}</div>
    </>
  );
}
