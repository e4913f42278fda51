/** A personal API token for a bench to call the API as an API client does (`Authorization: Bearer pv_…`). */
import { generateToken, hashToken, tokenPrefix } from "../../lib/tokens/secret";
import type { PrismaClient } from "../../lib/generated/prisma/client";

/** A READ_WRITE token of the user, made in the database as the token settings page would (only its hash is stored). */
export async function createApiToken(prisma: PrismaClient, userId: string, name: string): Promise<string> {
  const token = generateToken();
  await prisma.apiToken.create({ data: { userId, name, scope: "READ_WRITE", hash: hashToken(token), prefix: tokenPrefix(token) } });
  return token;
}
