import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Comfort only: sends visitors without a session to /login and answers API calls with 401 early.
 * Every page, route handler and server action checks the session and membership itself.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  // The API description is public; personal API tokens (Bearer) are checked by the route handlers.
  if (pathname === "/api/v1/openapi.json") return NextResponse.next();
  if (pathname.startsWith("/api/") && /^Bearer(\s|$)/i.test(request.headers.get("authorization") ?? "")) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in to continue" } }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but sign-in, next-auth's own endpoints and static assets.
  matcher: ["/((?!login|api/auth|_next/static|_next/image|favicon.ico|robots.txt|schemas/).*)"],
};
