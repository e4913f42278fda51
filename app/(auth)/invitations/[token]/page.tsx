import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcceptInvitationButton } from "@/components/invitations/accept-invitation-button";
import { InvitationSignUpForm } from "@/components/invitations/invitation-sign-up-form";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { formatDateTime } from "@/lib/format";
import { invitationForToken } from "@/lib/invitations/queries";
import type { TInvitationState } from "@/lib/invitations/schemas";
import { getCurrentUser } from "@/lib/session";

type TProps = { params: Promise<{ token: string }> };

export const metadata: Metadata = { title: "Invitation" };

const ENDED: Record<Exclude<TInvitationState, "pending">, string> = {
  accepted: "This invitation link has been used already.",
  revoked: "This invitation was revoked by the workspace's owner.",
  expired: "This invitation has expired.",
};

/**
 * The page an invitation link opens, with or without a session. It looks the same for any visitor
 * whether or not the invited e-mail has an account: the holder of that account signs in and
 * accepts; someone without one chooses a password here.
 */
export default async function InvitationPage({ params }: TProps) {
  const { token } = await params;
  const invitation = await invitationForToken(token);
  if (!invitation) notFound();
  const user = await getCurrentUser();
  const here = `/invitations/${token}`;

  return (
    <main className="page narrow login" id="main">
      <h1>Invitation to {invitation.workspaceName}</h1>
      {invitation.state !== "pending" ? (
        <p role="alert" className="error">
          {ENDED[invitation.state]} Ask the workspace&apos;s owner for a new one.
        </p>
      ) : (
        <>
          <p>
            <strong>{invitation.email}</strong> is invited to join <strong>{invitation.workspaceName}</strong> as {invitation.role}. The link works once, until{" "}
            {formatDateTime(new Date(invitation.expiresAt))}.
          </p>
          {user && user.email === invitation.email && <AcceptInvitationButton token={token} />}
          {user && user.email !== invitation.email && (
            <>
              <p role="alert" className="error">
                You are signed in as {user.email}. This invitation is for {invitation.email}: sign out, then open the link again.
              </p>
              <SignOutButton />
            </>
          )}
          {!user && (
            <>
              <h2>I have an account</h2>
              <p>
                <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`}>Sign in as {invitation.email}</Link>, then accept here.
              </p>
              <h2>I am new to Provenant</h2>
              <p className="muted">Your account will be {invitation.email}.</p>
              <InvitationSignUpForm token={token} />
            </>
          )}
        </>
      )}
    </main>
  );
}
