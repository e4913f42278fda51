import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { appConnection } from "@/lib/db";

/**
 * Sign-in limits on rate-limiter-flexible's PostgreSQL store (table "RateLimit", made by a
 * migration: the app's role may not create tables), so they hold across app instances. Three
 * counters of failed attempts, each a fixed window from its first failure; reaching one refuses
 * sign-in, the right password too, for its block time:
 * - one account from one address: 10 in 15 minutes (the limit a user meets after mistyping);
 * - one account from any address: 50 in 15 minutes (guessing spread over many addresses);
 * - every account together: 1,000 a minute (a flood; it also bounds how fast rows are added).
 * A success clears the first and takes its attempt back from the other two. Keys are SHA-256
 * hashes, so the table holds no e-mail or address; one row per key, and the store deletes rows an
 * hour past their expiry every 5 minutes, so failures cannot fill the table.
 */
export type TLimit = { points: number; duration: number; blockDuration: number };
export type TSignInLimits = { accountAddress: TLimit; account: TLimit; global: TLimit };

export const SIGN_IN_LIMITS: TSignInLimits = {
  accountAddress: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
  account: { points: 50, duration: 15 * 60, blockDuration: 15 * 60 },
  global: { points: 1000, duration: 60, blockDuration: 60 },
};

const TABLE = "RateLimit";

const hash = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

type TCounter = { limiter: RateLimiterPostgres; points: number; key: string };

export type TSignInGate = {
  /** False when a limit is reached: refuse without checking the password. Otherwise the attempt is counted. */
  admit(attempt: { email: string; address: string }): Promise<boolean>;
  /** After a wrong password: the attempt stays counted, and a counter that is now full blocks. */
  failed(attempt: { email: string; address: string }): Promise<void>;
  /** After the right password: the account's count from this address is cleared, the attempt taken back. */
  succeeded(attempt: { email: string; address: string }): Promise<void>;
};

/** The gate over a pg pool; `limits` and `namespace` (the keys' prefix) only differ in tests. */
export function signInGate(pool: pg.Pool, options: { limits?: TSignInLimits; namespace?: string } = {}): TSignInGate {
  const { limits = SIGN_IN_LIMITS, namespace = "signin" } = options;
  // The store deletes rows an hour past their expiry every 5 minutes (clearExpiredByTimeout, its default).
  const make = (name: string, limit: TLimit) =>
    new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: TABLE, tableCreated: true, keyPrefix: `${namespace}-${name}`, ...limit });
  const limiters = { accountAddress: make("acct-addr", limits.accountAddress), account: make("acct", limits.account), global: make("global", limits.global) };
  const counters = ({ email, address }: { email: string; address: string }): TCounter[] => [
    { limiter: limiters.accountAddress, points: limits.accountAddress.points, key: hash(`${email}\n${address}`) },
    { limiter: limiters.account, points: limits.account.points, key: hash(email) },
    { limiter: limiters.global, points: limits.global.points, key: "all" },
  ];

  return {
    async admit(attempt) {
      const list = counters(attempt);
      // Read first: an attempt refused is not counted, so hammering a locked account does not
      // lengthen its lock or push the global count up.
      const states = await Promise.all(list.map((c) => c.limiter.get(c.key)));
      if (states.some((state, i) => state !== null && state.consumedPoints >= list[i].points)) return false;
      // Then count it before the password is checked, atomically: parallel attempts cannot all
      // pass a check made before any of them was counted.
      try {
        await Promise.all(list.map((c) => c.limiter.consume(c.key)));
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
    async failed(attempt) {
      for (const c of counters(attempt)) {
        const state = await c.limiter.get(c.key);
        // Full now: the block runs from this failure (and refused attempts do not extend it).
        if (state && state.consumedPoints === c.points) await c.limiter.block(c.key, c.limiter.blockDuration);
      }
    },
    async succeeded(attempt) {
      const [accountAddress, ...others] = counters(attempt);
      await accountAddress.limiter.delete(accountAddress.key);
      await Promise.all(others.map((c) => c.limiter.reward(c.key)));
    },
  };
}

const globalForGate = globalThis as unknown as { signInGate?: TSignInGate };

/** The app's gate: a small pool of its own, logged in as the app (the store needs a pg pool, not Prisma). */
export function appSignInGate(): TSignInGate {
  globalForGate.signInGate ??= signInGate(new pg.Pool({ ...appConnection(), max: 2, idleTimeoutMillis: 30_000 }));
  return globalForGate.signInGate;
}
