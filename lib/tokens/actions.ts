"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TResult } from "@/lib/errors";
import { createToken, revokeToken } from "@/lib/tokens/mutations";
import { DEFAULT_TOKEN_LIFETIME_DAYS, ZCreateToken, type TApiToken, type TCreatedToken } from "@/lib/tokens/schemas";

export async function createTokenAction(_prev: unknown, form: FormData): Promise<TResult<TCreatedToken>> {
  return runAction(async (user) => {
    const lifetime = String(form.get("expiresInDays") ?? DEFAULT_TOKEN_LIFETIME_DAYS);
    const input = parseInput(ZCreateToken, {
      name: String(form.get("name") ?? ""),
      scope: String(form.get("scope") ?? ""),
      expiresInDays: lifetime === "never" ? null : Number(lifetime),
    });
    const created = await createToken({ userId: user.id, input });
    revalidatePath("/settings/tokens");
    return created;
  });
}

export async function revokeTokenAction(tokenId: string): Promise<TResult<TApiToken>> {
  return runAction(async (user) => {
    const revoked = await revokeToken({ userId: user.id, tokenId });
    revalidatePath("/settings/tokens");
    return revoked;
  });
}
