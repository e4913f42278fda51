import http from "node:http";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { appConnection, db } from "@/lib/db";
import { sleep } from "@/lib/testing/wait";
import { installForwardingGuard } from "./forwarding-guard";
import { signInGate, type TSignInLimits } from "./sign-in-limits";

const pool = new pg.Pool({ ...appConnection(), max: 2 });
afterAll(() => pool.end());

const window = { duration: 900, blockDuration: 900 };
const small: TSignInLimits = { accountAddress: { points: 3, ...window }, account: { points: 5, ...window }, global: { points: 8, duration: 60, blockDuration: 60 } };
/** A gate with its own keys (its own global counter too), so tests do not share counts. */
const gate = () => signInGate(pool, { limits: small, namespace: `t-${randomUUID().slice(0, 8)}` });
const email = () => `${randomUUID()}@t.test`;

async function fail(g: ReturnType<typeof gate>, attempt: { email: string; address: string }) {
  expect(await g.admit(attempt)).toBe(true);
  await g.failed(attempt);
}

describe("sign-in limits (rate-limiter-flexible on PostgreSQL, the app's pg pool)", () => {
  it("per account and address: refused after the limit, also with the right password; another address is not", async () => {
    const g = gate();
    const a = { email: email(), address: "10.0.0.1" };
    for (let i = 0; i < 3; i++) await fail(g, a);
    expect(await g.admit(a)).toBe(false);
    expect(await g.admit({ ...a, address: "10.0.0.2" })).toBe(true);
  });

  it("a success clears the account's count from that address", async () => {
    const g = gate();
    const a = { email: email(), address: "10.0.0.1" };
    for (let i = 0; i < 2; i++) await fail(g, a);
    expect(await g.admit(a)).toBe(true);
    await g.succeeded(a);
    for (let i = 0; i < 2; i++) await fail(g, a);
    expect(await g.admit(a)).toBe(true);
  });

  it("per account: failures spread over addresses add up", async () => {
    const g = gate();
    const account = email();
    for (let i = 0; i < 5; i++) await fail(g, { email: account, address: `10.0.1.${i}` });
    expect(await g.admit({ email: account, address: "10.0.1.99" })).toBe(false);
    expect(await g.admit({ email: email(), address: "10.0.1.99" })).toBe(true);
  });

  it("globally: failures of every account add up, and refused attempts are not counted", async () => {
    const g = gate();
    for (let i = 0; i < 7; i++) await fail(g, { email: email(), address: `10.0.2.${i}` });
    expect(await g.admit({ email: email(), address: "10.0.2.50" })).toBe(true); // the 8th attempt
    expect(await g.admit({ email: email(), address: "10.0.2.51" })).toBe(false);
  });

  it("parallel attempts cannot all pass: each is counted before its password is checked", async () => {
    const g = gate();
    const a = { email: email(), address: "10.0.3.1" };
    const admitted = await Promise.all(Array.from({ length: 6 }, () => g.admit(a)));
    expect(admitted.filter(Boolean).length).toBeLessThanOrEqual(3);
  });

  it("stores hashes, not e-mails or addresses, and the store prunes rows an hour past expiry", async () => {
    const g = gate();
    const a = { email: email(), address: "10.0.4.1" };
    await fail(g, a);
    const rows = await db().$queryRaw<{ key: string }[]>`SELECT key FROM "RateLimit"`;
    expect(rows.some((r) => r.key.includes(a.email) || r.key.includes(a.address))).toBe(false);

    const stale = `stale-${randomUUID()}`;
    await db().$executeRaw`INSERT INTO "RateLimit" (key, points, expire) VALUES (${stale}, 1, ${BigInt(Date.now() - 2 * 3600_000)})`;
    // The store's clean-up runs 5 minutes after it is made: a gate made under fake timers, then time moved on.
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      gate();
      vi.advanceTimersByTime(5 * 60_000);
    } finally {
      vi.useRealTimers();
    }
    const count = async () => (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "RateLimit" WHERE key = ${stale}`)[0].n;
    const deadline = Date.now() + 10_000;
    while ((await count()) > 0 && Date.now() < deadline) await sleep(50);
    expect(await count()).toBe(0);
  });
});

describe("forwarding guard", () => {
  it("removes a client's own X-Forwarded-For and X-Real-IP before the app sees the request", async () => {
    installForwardingGuard();
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", forwarded: "for=6.6.6.6", "x-other": "kept" } });
    server.close();
    expect(seen[0]["x-forwarded-for"]).toBeUndefined();
    expect(seen[0]["x-real-ip"]).toBeUndefined();
    expect(seen[0].forwarded).toBeUndefined();
    expect(seen[0]["x-other"]).toBe("kept");
  });
});
