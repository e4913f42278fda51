// No "server-only" here: the seed script (plain Node) hashes passwords too.
import { hash, verify, type Options } from "@node-rs/argon2";
import { randomInt } from "node:crypto";

// argon2id (Algorithm.Argon2id = 2, a const enum isolatedModules cannot import) at OWASP's
// minimum: 19 MiB, 2 iterations, 1 lane.
const OPTIONS: Options = { algorithm: 2 as Options["algorithm"], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown so timing does not tell. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${randomInt(1e9)}`);
  return decoyHash;
}
