"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { createInvitation, revokeInvitation } from "@/lib/invitations/mutations";
import { ZInvite, type TInvitationCreated } from "@/lib/invitations/schemas";

export async function inviteMemberAction(workspaceId: string, _prev: unknown, form: FormData): Promise<TResult<TInvitationCreated>> {
  return runAction(async (user) => {
    const input = parseInput(ZInvite, { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") });
    const created = await createInvitation({ userId: user.id, workspaceId, input });
    revalidatePath(`/workspaces/${workspaceId}`);
    return created;
  });
}

export async function revokeInvitationAction(workspaceId: string, invitationId: string): Promise<TResult<null>> {
  return runAction(async (user) => {
    await revokeInvitation({ userId: user.id, workspaceId, invitationId });
    revalidatePath(`/workspaces/${workspaceId}`);
    return null;
  });
}
