import "server-only";
import http from "node:http";
import { ADDRESS_HEADERS } from "@/lib/auth/client-address";

type TEmit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Removes the headers that carry a client address from every request as it reaches this process,
 * so that Next.js writes the socket's peer into X-Forwarded-For (it only fills the header when it
 * is absent). Installed when no proxy is trusted (PV_TRUSTED_PROXY unset): without it, any client
 * could name its own address and escape the per-address sign-in limit.
 *
 * A workaround: Next.js gives route handlers no socket address (NextRequest.ip was removed in
 * Next.js 15, vercel/next.js#68379), so the only place to see the peer is the Node server's own
 * "request" event. Requests that arrive before register() has run (the first instants of a start)
 * are not filtered.
 */
export function installForwardingGuard(): void {
  const proto = http.Server.prototype as unknown as { emit: TEmit; forwardingGuard?: true };
  if (proto.forwardingGuard) return;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event, ...args) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      for (const name of ADDRESS_HEADERS) delete req.headers[name];
    }
    return emit.call(this, event, ...args);
  };
  proto.forwardingGuard = true;
}
