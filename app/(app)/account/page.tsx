import type { Metadata } from "next";
import Link from "next/link";
import { SignOutEverywhereButton } from "@/components/account/sign-out-everywhere-button";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser();
  return (
    <main className="page narrow">
      <h1>Account</h1>
      <p>
        Signed in as <strong>{user.email}</strong>.
      </p>
      <h2>Password</h2>
      <p>
        <Link href="/account/password">Change your password</Link>. Changing it signs out your other sessions.
      </p>
      <h2>API tokens</h2>
      <p>
        <Link href="/settings/tokens">Your API tokens</Link>
      </p>
      <h2>Sessions</h2>
      <p>Signs out every browser signed in to this account, this one too.</p>
      <SignOutEverywhereButton />
    </main>
  );
}
