import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Choose a password" };

export default async function PasswordPage() {
  const user = await requirePageUser({ allowPasswordChange: true });
  return (
    <main className="page narrow">
      <h1>Choose a password</h1>
      {user.mustChangePassword && <p role="status">You signed in with a one-time password. Choose your own to continue.</p>}
      <ChangePasswordForm askCurrent={!user.mustChangePassword} />
    </main>
  );
}
