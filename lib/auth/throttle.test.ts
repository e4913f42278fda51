import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clearFailures, isLocked, LOCK_MS, MAX_FAILURES, recordFailure, WINDOW_MS } from "./throttle";

const minutes = (n: number) => n * 60 * 1000;

async function failuresAt(email: string, ip: string, times: Date[]) {
  await db().loginFailure.createMany({ data: times.map((createdAt) => ({ email, ip, createdAt })) });
}

describe("sign-in throttle (real database)", () => {
  it("locks after 10 failures within 15 minutes, for 15 minutes after the last", async () => {
    const email = `${randomUUID()}@t.test`;
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordFailure(email, "10.0.0.1");
    expect(await isLocked(email, "10.0.0.1")).toBe(false);
    await recordFailure(email, "10.0.0.1");
    expect(await isLocked(email, "10.0.0.1")).toBe(true);
    // Same email from another address, or another email from this address: not locked.
    expect(await isLocked(email, "10.0.0.2")).toBe(false);
    expect(await isLocked(`other-${email}`, "10.0.0.1")).toBe(false);
  });

  it("the lock ends 15 minutes after the failure that set it", async () => {
    const email = `${randomUUID()}@t.test`;
    const latest = Date.now() - minutes(1);
    await failuresAt(email, "10.0.0.5", Array.from({ length: MAX_FAILURES }, (_, i) => new Date(latest - (MAX_FAILURES - 1 - i) * 1000)));
    expect(await isLocked(email, "10.0.0.5", new Date(latest + LOCK_MS - 1000))).toBe(true);
    expect(await isLocked(email, "10.0.0.5", new Date(latest + LOCK_MS + 1000))).toBe(false);
  });

  it("does not lock when the failures are spread over more than 15 minutes", async () => {
    const email = `${randomUUID()}@t.test`;
    const now = Date.now();
    const spread = Array.from({ length: MAX_FAILURES }, (_, i) => new Date(now - minutes(20) + i * ((WINDOW_MS + minutes(5)) / (MAX_FAILURES - 1))));
    await failuresAt(email, "10.0.0.3", spread);
    expect(await isLocked(email, "10.0.0.3")).toBe(false);
  });

  it("a successful sign-in clears the count", async () => {
    const email = `${randomUUID()}@t.test`;
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordFailure(email, "10.0.0.4");
    await clearFailures(email, "10.0.0.4");
    await recordFailure(email, "10.0.0.4");
    expect(await isLocked(email, "10.0.0.4")).toBe(false);
  });
});
