import "server-only";
import { AppError } from "@/lib/errors";
import { forwardedOrigin } from "@/lib/exports/http";

/** Methods that only read: a cross-site page may send them, but cannot read the answer (no CORS headers). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Sec-Fetch-Site values of a request the app's own pages made, or the user typed. */
const SAME_SITE_FETCH = new Set(["same-origin", "none"]);

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The origins the app is reached at: the request's own (through a proxy's X-Forwarded-Host/-Proto
 * when one is in front) and NEXTAUTH_URL's, the public address next-auth signs users in at.
 */
export function appOrigins(req: Request): Set<string> {
  const origins = new Set([forwardedOrigin(req.headers, req.url), originOf(req.url)]);
  const configured = originOf(process.env.NEXTAUTH_URL);
  if (configured) origins.add(configured);
  origins.delete(null);
  return origins as Set<string>;
}

/**
 * Why a request that writes must be refused as cross-site, or null when it may go on. Browsers
 * send Origin with every POST/PUT/PATCH/DELETE; a foreign or opaque ("null") one is refused. Without
 * Origin, Sec-Fetch-Site (which a page cannot forge) must say the app's own pages sent it; with
 * neither, the client is not a browser (curl, a script) and carries only credentials it was given.
 */
export function crossOriginProblem(req: Request): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    return appOrigins(req).has(origin) ? null : `Requests from ${origin.slice(0, 200)} may not change data here`;
  }
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && !SAME_SITE_FETCH.has(site.toLowerCase())) return `A ${site.slice(0, 40)} request may not change data here`;
  return null;
}

/**
 * CSRF defence for requests authenticated by the session cookie, which a browser attaches to
 * requests other sites make: a write that did not come from the app's own pages is a 403. Bearer
 * tokens are never sent ambiently, so a token caller is not checked.
 */
export function requireSameOrigin(req: Request): void {
  const problem = crossOriginProblem(req);
  if (problem) throw new AppError("FORBIDDEN", `Cross-origin request refused: ${problem}`);
}
