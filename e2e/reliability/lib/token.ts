/** A read-write API token for a user, written straight to the database (its hash only, as the app stores it). */
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import { generateToken, hashToken, tokenPrefix } from "../../../lib/tokens/secret";

export async function createApiToken(client: PrismaClient, userId: string, name = "reliability"): Promise<string> {
  const token = generateToken();
  await client.apiToken.create({ data: { userId, name, scope: "READ_WRITE", hash: hashToken(token), prefix: tokenPrefix(token) } });
  return token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
