"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import {
  changePassword,
  changeRole,
  createWorkspace,
  endAllSessions,
  removeMember,
  updateWorkspaceSettings,
  type TWorkspaceSettingsView,
} from "@/lib/workspaces/mutations";
import { ZChangePassword, ZChangeRole, ZCreateWorkspace, ZWorkspaceSettings } from "@/lib/workspaces/schemas";
import { reissueSession } from "@/lib/auth/session-cookie";
import { getCurrentUser } from "@/lib/session";
import { AppError } from "@/lib/errors";

export async function createWorkspaceAction(_prev: unknown, form: FormData): Promise<TResult<{ id: string }>> {
  return runAction(async (user) => {
    const { name } = parseInput(ZCreateWorkspace, { name: String(form.get("name") ?? "") });
    const workspace = await createWorkspace({ userId: user.id, name });
    revalidatePath("/workspaces");
    return { id: workspace.id };
  });
}

export async function changeRoleAction(workspaceId: string, memberId: string, role: string): Promise<TResult<null>> {
  return runAction(async (user) => {
    const input = parseInput(ZChangeRole, { role });
    await changeRole({ userId: user.id, workspaceId, memberId, role: input.role });
    revalidatePath(`/workspaces/${workspaceId}`);
    return null;
  });
}

export async function removeMemberAction(workspaceId: string, memberId: string): Promise<TResult<null>> {
  return runAction(async (user) => {
    await removeMember({ userId: user.id, workspaceId, memberId });
    revalidatePath(`/workspaces/${workspaceId}`);
    return null;
  });
}

/** A stale version comes back as CONFLICT with the settings as they stand in `current`. */
export async function updateWorkspaceSettingsAction(workspaceId: string, input: unknown): Promise<TResult<TWorkspaceSettingsView>> {
  return runAction(async (user) => {
    const settings = await updateWorkspaceSettings({ userId: user.id, workspaceId, input: parseInput(ZWorkspaceSettings, input) });
    revalidatePath(`/workspaces/${workspaceId}`);
    return settings;
  });
}

/** Allowed while a one-time password is in use, so it checks the session itself. */
export async function changePasswordAction(_prev: unknown, form: FormData): Promise<TResult<null>> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: new AppError("UNAUTHENTICATED", "Sign in to continue").toBody() };
  try {
    const input = parseInput(ZChangePassword, {
      current: String(form.get("current") ?? ""),
      password: String(form.get("password") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
      revokeTokens: form.get("revokeTokens") === "on",
    });
    const sessionVersion = await changePassword({ userId: user.id, ...input });
    // Every other session is ended; this one goes on.
    await reissueSession(sessionVersion);
    return { ok: true, data: null };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    throw error;
  }
}

/** "Sign out everywhere": ends every session of the caller, this one too (the page then signs out). */
export async function signOutEverywhereAction(): Promise<TResult<null>> {
  return runAction(async (user) => {
    await endAllSessions({ userId: user.id });
    return null;
  });
}
