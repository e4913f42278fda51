import Link from "next/link";
import { InboxLink } from "@/components/comments/inbox-link";
import { HeaderMenu } from "@/components/layout/header-menu";
import { SignOutButton } from "@/components/layout/sign-out-button";

export function AppHeader({ email, unread }: { email: string; unread: number }) {
  return (
    <header className="app-header">
      <Link href="/documents" className="brand">
        Provenant
      </Link>
      <HeaderMenu>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/documents">Documents</Link>
            </li>
            <li>
              <Link href="/queue">Queue</Link>
            </li>
            <li>
              <Link href="/dashboard">Dashboard</Link>
            </li>
            <li>
              <Link href="/reports">Reports</Link>
            </li>
            <li>
              <Link href="/sources">Sources</Link>
            </li>
            <li>
              <Link href="/workspaces">Workspaces</Link>
            </li>
            <li>
              <InboxLink initialUnread={unread} />
            </li>
          </ul>
        </nav>
        <div className="account">
          <span className="muted" aria-label="Signed in as">
            {email}
          </span>
          <Link href="/account">Account</Link>
          <Link href="/settings/notifications">Notifications</Link>
          <Link href="/settings/tokens">API tokens</Link>
          <SignOutButton />
        </div>
      </HeaderMenu>
    </header>
  );
}
