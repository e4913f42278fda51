import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

/**
 * The Content-Security-Policy of every page, with a fresh nonce per request. Next.js reads the nonce
 * from the request's own CSP header and puts it on its scripts; 'strict-dynamic' then lets those
 * scripts load the app's chunks, while injected markup (an attribute handler, a javascript: URL, a
 * <script> without the nonce) never runs. Styles allow 'unsafe-inline': React and tiptap write style
 * attributes, the status colours and the report are <style> elements, and CSS cannot run script
 * in the browsers we support; user HTML is sanitized before it is rendered either way.
 * Development adds 'unsafe-eval', which React's dev build needs for its stack traces.
 */
function pageCsp(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Passes the request on with the policy in its headers (for Next.js to read the nonce) and in the response. */
function nextWithCsp(request: NextRequest, csp: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/**
 * Sets the page CSP, and as a comfort only sends visitors without a session to /login. Every page,
 * route handler and server action checks the session and membership itself. The API is not matched:
 * its handlers answer 401 themselves, and running the proxy would make Next.js read (and buffer) a
 * request body whole before the handler's own size limit could refuse it.
 */
export async function proxy(request: NextRequest) {
  const csp = pageCsp(newNonce());
  const { pathname, search } = request.nextUrl;
  // Sign-in, and the invitation page, which a visitor without an account opens to create one.
  if (pathname === "/login" || pathname.startsWith("/invitations/")) return nextWithCsp(request, csp);
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return nextWithCsp(request, csp);
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
  const redirect = NextResponse.redirect(login);
  redirect.headers.set("Content-Security-Policy", csp);
  return redirect;
}

export const config = {
  // Pages (sign-in included, for its policy). The API, next-auth's endpoints and static files get
  // the static policy from next.config.ts instead.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|schemas/).*)"],
};
