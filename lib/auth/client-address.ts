/**
 * Which address a request comes from, for the sign-in limits. Pure (no server imports).
 *
 * Next.js has no request.ip: it writes the socket's peer into X-Forwarded-For only when the request
 * has none (`??=` in next/dist/server/base-server.js), so a header the client sent itself would
 * pass for its address. Unless PV_TRUSTED_PROXY says how many proxies we trust, the forwarding
 * headers are therefore removed as a request arrives (lib/auth/forwarding-guard.ts), and
 * X-Forwarded-For then holds the peer alone.
 */

/** The forwarding headers that carry a client address. */
export const ADDRESS_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded"] as const;

/**
 * PV_TRUSTED_PROXY: how many proxies in front of the app append to X-Forwarded-For ("1" for one
 * reverse proxy). Unset, empty, "0" or "false": none, the headers are not believed.
 */
export function trustedProxyHops(value: string | undefined): number {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "false" || text === "0") return 0;
  if (text === "true") return 1;
  const hops = Number(text);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`PV_TRUSTED_PROXY must be a number of proxies (0–10), not "${value}"`);
  return hops;
}

type THeaders = Record<string, string | string[] | undefined> | undefined;

function header(headers: THeaders, name: string): string | undefined {
  const raw = headers?.[name];
  return Array.isArray(raw) ? raw.join(",") : raw;
}

/** "::ffff:127.0.0.2" and "127.0.0.2" are one address. */
function normalise(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

/**
 * The client's address. Behind `hops` trusted proxies: the entry of X-Forwarded-For that the
 * outermost of them appended (each proxy appends the address it was reached from), so whatever the
 * client put before it is ignored. With none: the last entry, which is the peer Next.js wrote once
 * the guard removed the client's own headers.
 */
export function clientAddress(headers: THeaders, hops: number): string {
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chosen = hops > 0 ? entries[Math.max(entries.length - hops, 0)] : entries.at(-1);
  return chosen ? normalise(chosen) : "unknown";
}
