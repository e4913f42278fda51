import Link from "next/link";
import { SignOutButton } from "@/components/layout/sign-out-button";

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="app-header">
      <Link href="/documents" className="brand">
        Provenant
      </Link>
      <nav aria-label="Main">
        <ul>
          <li>
            <Link href="/documents">Documents</Link>
          </li>
          <li>
            <Link href="/sources">Sources</Link>
          </li>
          <li>
            <Link href="/workspaces">Workspaces</Link>
          </li>
        </ul>
      </nav>
      <div className="account">
        <span className="muted" aria-label="Signed in as">
          {email}
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
