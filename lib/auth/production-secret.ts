/**
 * Whether NEXTAUTH_SECRET may sign sessions in production. Anyone who knows it can forge a session
 * for any user, so a missing one, the example in docker-compose.yml or a short one stops the app
 * before it serves anything (instrumentation.ts, lib/env.ts, scripts/start.ts). Pure: no server
 * imports, so the launchers use it too.
 */
export const EXAMPLE_SECRET = "change-me-to-a-long-random-string";
export const MIN_SECRET_LENGTH = 32;

const HOW = "set it to a long random string, e.g. the output of `openssl rand -base64 32`";

/** Why `secret` may not sign production sessions, or null when it may. */
export function productionSecretProblem(secret: string | undefined): string | null {
  if (!secret) return `NEXTAUTH_SECRET is not set. In production it signs every session: ${HOW}.`;
  if (secret.trim() === EXAMPLE_SECRET) return `NEXTAUTH_SECRET is the example value from docker-compose.yml, which anyone can read: ${HOW}.`;
  if (secret.length < MIN_SECRET_LENGTH) return `NEXTAUTH_SECRET is ${secret.length} characters long, fewer than ${MIN_SECRET_LENGTH}: ${HOW}.`;
  return null;
}

/**
 * productionSecretProblem for a production server; null in development, tests and `next build`
 * (which runs with NODE_ENV=production but signs nothing: the Docker image is built without secrets).
 */
export function authSecretProblem(env: { NODE_ENV?: string; NEXT_PHASE?: string; NEXTAUTH_SECRET?: string }): string | null {
  if (env.NODE_ENV !== "production" || env.NEXT_PHASE === "phase-production-build") return null;
  return productionSecretProblem(env.NEXTAUTH_SECRET);
}
