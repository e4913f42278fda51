/**
 * The small proxy in front of several `next start` processes (`WORKERS=N npm start`): each request
 * goes to the next instance in turn, a read that an instance refuses is sent to the next, and
 * streamed answers (the live SSE streams) pass through as they come. Nothing is sticky, because
 * nothing needs to be: sessions are signed cookies, live updates and presence go through
 * PostgreSQL, and every cache is checked against the database on each read (README, "Several
 * instances").
 */
import http from "node:http";

export type TBalancer = { server: http.Server; close: () => Promise<void> };

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

/** Request headers for an instance: the client's, without hop-by-hop ones, with X-Forwarded-For/-Host/-Proto added. */
export function forwardHeaders(headers: http.IncomingHttpHeaders, remoteAddress: string | undefined): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
  const forwardedFor = [headers["x-forwarded-for"], remoteAddress].filter(Boolean).join(", ");
  if (forwardedFor) out["x-forwarded-for"] = forwardedFor;
  out["x-forwarded-host"] ??= headers.host;
  out["x-forwarded-proto"] ??= "http";
  return out;
}

/** Listens on `port` and spreads requests over the instances on `targets` (ports on localhost). */
export function startBalancer(options: { port: number; targets: number[] }): Promise<TBalancer> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const order = options.targets.map((_, i) => options.targets[(next + i) % options.targets.length]);
    next = (next + 1) % options.targets.length;
    const attempt = (i: number) => {
      const upstream = http.request(
        { host: "127.0.0.1", port: order[i], method: req.method, path: req.url, headers: forwardHeaders(req.headers, req.socket.remoteAddress) },
        (answer) => {
          const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        // Never connected, and nothing to send again: another instance takes the read.
        const bodiless = req.method === "GET" || req.method === "HEAD";
        if (error.code === "ECONNREFUSED" && bodiless && i + 1 < order.length && !res.headersSent) return attempt(i + 1);
        if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "1" }).end("No app instance answered; try again shortly");
        else res.destroy();
      });
      res.on("close", () => upstream.destroy());
      req.pipe(upstream);
    };
    attempt(0);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () =>
      resolve({
        server,
        // Open streams (live SSE) would keep a plain close() waiting: they are cut.
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
