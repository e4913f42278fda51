"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import { AppError, type TResult } from "@/lib/errors";
import { acceptInvitation, signUpWithInvitation } from "@/lib/invitations/mutations";
import { ZInvitationSignUp } from "@/lib/invitations/schemas";

// The actions of the invitation page, which visitors without a session open too.

/** The signed-in holder of the invited account accepts. */
export async function acceptInvitationAction(token: string): Promise<TResult<{ workspaceId: string }>> {
  return runAction(async (user) => {
    const accepted = await acceptInvitation({ userId: user.id, email: user.email, token: String(token) });
    revalidatePath("/workspaces");
    return accepted;
  });
}

/** Without a session: the visitor holding the link chooses a password; the page then signs them in. */
export async function signUpWithInvitationAction(token: string, _prev: unknown, form: FormData): Promise<TResult<{ email: string; workspaceId: string }>> {
  try {
    const input = parseInput(ZInvitationSignUp, {
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    });
    return { ok: true, data: await signUpWithInvitation({ token: String(token), input }) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    throw error;
  }
}
