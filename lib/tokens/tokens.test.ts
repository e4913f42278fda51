import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testUser } from "@/lib/testing/annotation-fixtures";
import { requireApiCaller, requireSessionCaller } from "@/lib/session";
import { authenticateToken, bearerOf } from "./auth";
import { createToken, LAST_USED_GRANULARITY_MS, revokeToken } from "./mutations";
import { listTokens } from "./queries";
import { MAX_LIVE_TOKENS, ZCreateToken } from "./schemas";
import { generateToken, hashToken, isTokenShaped, tokenPrefix } from "./secret";

function bearer(token: string, method = "GET") {
  return new Request("http://localhost/api/v1/documents", { method, headers: { authorization: `Bearer ${token}` } });
}

describe("token secrets", () => {
  it("are pv_ and 32 random bytes in base64url; the hash is SHA-256 hex; 10 characters are shown", () => {
    const token = generateToken();
    expect(token).toMatch(/^pv_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), "base64url")).toHaveLength(32);
    expect(generateToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(tokenPrefix(token)).toBe(token.slice(0, 10));
    expect(isTokenShaped(token)).toBe(true);
    expect(isTokenShaped(`${token}x`)).toBe(false);
    expect(isTokenShaped("pv_not a token")).toBe(false);
  });

  it("bearerOf reads only the Bearer scheme", () => {
    expect(bearerOf("Bearer pv_x")).toBe("pv_x");
    expect(bearerOf("bearer   pv_x ")).toBe("pv_x");
    expect(bearerOf("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerOf(null)).toBeNull();
    expect(bearerOf("Bearer")).toBe("");
    expect(bearerOf("Bearerpv_x")).toBeNull();
  });
});

describe("personal API tokens (real database)", () => {
  it("stores only the hash and prefix; the token identifies its owner; the list never shows it", async () => {
    const owner = await testUser("owner");
    const created = await createToken({ userId: owner.id, input: ZCreateToken.parse({ name: "  Nightly export  ", scope: "READ" }) });
    expect(created).toMatchObject({ name: "Nightly export", scope: "READ", prefix: created.token.slice(0, 10), lastUsedAt: null, revokedAt: null });

    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(hashToken(created.token));
    expect(Object.values(row)).not.toContain(created.token);

    const listed = await listTokens({ userId: owner.id });
    expect(listed).toEqual([{ id: created.id, name: "Nightly export", scope: "READ", prefix: created.prefix, createdAt: created.createdAt, expiresAt: created.expiresAt, expired: false, lastUsedAt: null, revokedAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(await listTokens({ userId: (await testUser("other")).id })).toEqual([]);

    const caller = await requireApiCaller(bearer(created.token));
    expect(caller).toMatchObject({ via: "token", tokenId: created.id, scope: "READ", user: { id: owner.id } });
  });

  it("expires after 90 days unless told otherwise, never only when chosen; an expired token is 401", async () => {
    const owner = await testUser();
    const usual = await createToken({ userId: owner.id, input: ZCreateToken.parse({ name: "usual", scope: "READ" }) });
    const days = (iso: string | null) => (iso === null ? null : Math.round((Date.parse(iso) - Date.now()) / 86_400_000));
    expect(days(usual.expiresAt)).toBe(90);
    expect(days((await createToken({ userId: owner.id, input: ZCreateToken.parse({ name: "week", scope: "READ", expiresInDays: 7 }) })).expiresAt)).toBe(7);
    expect((await createToken({ userId: owner.id, input: ZCreateToken.parse({ name: "forever", scope: "READ", expiresInDays: null }) })).expiresAt).toBeNull();
    await expect(authenticateToken({ token: usual.token, method: "GET" })).resolves.toMatchObject({ tokenId: usual.id });
    await db().apiToken.update({ where: { id: usual.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(authenticateToken({ token: usual.token, method: "GET" })).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: "This API token has expired" });
    expect((await listTokens({ userId: owner.id })).find((t) => t.id === usual.id)).toMatchObject({ expired: true });
  });

  it("a READ token may GET and HEAD only (403 'This token can only read'); READ_WRITE may write", async () => {
    const owner = await testUser();
    const read = await createToken({ userId: owner.id, input: { name: "r", scope: "READ" } });
    const write = await createToken({ userId: owner.id, input: { name: "w", scope: "READ_WRITE" } });
    await expect(authenticateToken({ token: read.token, method: "GET" })).resolves.toMatchObject({ scope: "READ" });
    await expect(authenticateToken({ token: read.token, method: "HEAD" })).resolves.toMatchObject({ scope: "READ" });
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      await expect(authenticateToken({ token: read.token, method })).rejects.toMatchObject({ code: "FORBIDDEN", message: "This token can only read" });
    }
    await expect(requireApiCaller(bearer(write.token, "POST"))).resolves.toMatchObject({ via: "token", scope: "READ_WRITE", user: { id: owner.id } });
  });

  it("unknown, malformed and revoked tokens are 401, whatever else the request carries", async () => {
    const owner = await testUser();
    await expect(requireApiCaller(bearer("garbage"))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(requireApiCaller(bearer(generateToken()))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const empty = new Request("http://localhost/api/v1/documents", { headers: { authorization: "Bearer", cookie: "next-auth.session-token=x" } });
    await expect(requireApiCaller(empty)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });

    const created = await createToken({ userId: owner.id, input: { name: "t", scope: "READ_WRITE" } });
    const revoked = await revokeToken({ userId: owner.id, tokenId: created.id });
    expect(revoked.revokedAt).not.toBeNull();
    await expect(requireApiCaller(bearer(created.token))).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: "This API token is not valid or has been revoked" });
    // Revoking again changes nothing; it stays listed, marked.
    expect((await revokeToken({ userId: owner.id, tokenId: created.id })).revokedAt).toBe(revoked.revokedAt);
    expect((await listTokens({ userId: owner.id }))[0]).toMatchObject({ id: created.id, revokedAt: revoked.revokedAt });
  });

  it("only the owner revokes a token: anyone else's is not found", async () => {
    const [owner, other] = [await testUser(), await testUser()];
    const created = await createToken({ userId: owner.id, input: { name: "t", scope: "READ" } });
    await expect(revokeToken({ userId: other.id, tokenId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeToken({ userId: owner.id, tokenId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(authenticateToken({ token: created.token, method: "GET" })).resolves.toMatchObject({ tokenId: created.id });
  });

  it("last use is written on first use, then at most once a minute", async () => {
    const owner = await testUser();
    const created = await createToken({ userId: owner.id, input: { name: "t", scope: "READ" } });
    const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;

    await authenticateToken({ token: created.token, method: "GET" });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await authenticateToken({ token: created.token, method: "GET" });
    expect(await lastUsed()).toEqual(first);

    const longAgo = new Date(Date.now() - LAST_USED_GRANULARITY_MS - 1000);
    await db().apiToken.update({ where: { id: created.id }, data: { lastUsedAt: longAgo } });
    await authenticateToken({ token: created.token, method: "GET" });
    expect((await lastUsed())!.getTime()).toBeGreaterThan(longAgo.getTime() + LAST_USED_GRANULARITY_MS);
    expect((await listTokens({ userId: owner.id }))[0].lastUsedAt).not.toBeNull();
  });

  it(`a member holds at most ${MAX_LIVE_TOKENS} live tokens (422), even when created at once; revoking frees a place`, async () => {
    const owner = await testUser();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_LIVE_TOKENS + 3 }, (_, i) => createToken({ userId: owner.id, input: { name: `t${i}`, scope: "READ" } })),
    );
    const made = results.filter((r) => r.status === "fulfilled");
    expect(made).toHaveLength(MAX_LIVE_TOKENS);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["VALIDATION", "VALIDATION", "VALIDATION"]);
    await expect(createToken({ userId: owner.id, input: { name: "one more", scope: "READ" } })).rejects.toMatchObject({ code: "VALIDATION" });
    await revokeToken({ userId: owner.id, tokenId: (made[0] as PromiseFulfilledResult<{ id: string }>).value.id });
    await expect(createToken({ userId: owner.id, input: { name: "one more", scope: "READ" } })).resolves.toMatchObject({ name: "one more" });
  });

  it("a token cannot create or revoke tokens; a session can", async () => {
    const owner = await testUser();
    const created = await createToken({ userId: owner.id, input: { name: "t", scope: "READ_WRITE" } });
    const caller = await requireApiCaller(bearer(created.token, "POST"));
    expect(() => requireSessionCaller(caller, "Creating a token")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => requireSessionCaller({ via: "session", user: caller.user }, "Creating a token")).not.toThrow();
  });

  it("names are required and short; the scope is READ or READ_WRITE", () => {
    expect(ZCreateToken.safeParse({ name: " ", scope: "READ" }).error?.issues[0]).toMatchObject({ path: ["name"], message: "Give the token a name" });
    expect(ZCreateToken.safeParse({ name: "x".repeat(101), scope: "READ" }).success).toBe(false);
    expect(ZCreateToken.safeParse({ name: "x", scope: "ADMIN" }).error?.issues[0]).toMatchObject({ path: ["scope"], message: "Choose READ or READ_WRITE" });
    expect(ZCreateToken.safeParse({ name: "x", scope: "READ", extra: 1 }).error?.issues[0].code).toBe("unrecognized_keys");
  });
});
