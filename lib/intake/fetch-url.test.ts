import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FETCH_USER_AGENT, fetchUrl, type TFetchOptions } from "./fetch-url";
import { IntakeError } from "./types";

/**
 * A local server with one route per behaviour. Every test talks to 127.0.0.1 only: addresses
 * elsewhere (10.0.0.1, 169.254.169.254) appear in redirects that must be refused before any
 * connection, which a spy on net.Socket#connect checks.
 */
let server: http.Server;
let base: string;
let allow: TFetchOptions;
let connections = 0;
const requests: http.IncomingHttpHeaders[] = [];
const sockets = new Set<net.Socket>();

const PAGE = "<!doctype html><html><head><title>Khojaly</title></head><body><p>Text.</p></body></html>";

function route(req: http.IncomingMessage, res: http.ServerResponse) {
  requests.push(req.headers);
  const url = new URL(req.url ?? "/", base);
  const redirect = (location: string) => res.writeHead(302, { location }).end();
  const step = /^\/chain\/(\d+)$/.exec(url.pathname);
  if (step) return Number(step[1]) > 0 ? redirect(`/chain/${Number(step[1]) - 1}`) : res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
  switch (url.pathname) {
    case "/page":
      return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    case "/gzip":
      return res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(zlib.gzipSync("Khojaly ".repeat(100)));
    case "/to-private":
      return redirect("http://10.0.0.1/admin");
    case "/to-metadata":
      return redirect("http://169.254.169.254/latest/meta-data/");
    case "/to-localhost":
      return redirect(`http://localhost:${(server.address() as AddressInfo).port}/page`);
    case "/to-ftp":
      return redirect("ftp://example.org/file.txt");
    case "/big":
      return res.writeHead(200, { "content-type": "text/plain", "content-length": "5000" }).end("x".repeat(5000));
    case "/big-stream": {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("y".repeat(512)), 5);
      res.on("close", () => clearInterval(timer));
      return;
    }
    case "/gzip-bomb":
      return res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(zlib.gzipSync(Buffer.alloc(1_000_000, 0x41)));
    case "/slow-body":
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("start");
      return; // never ends
    case "/slow-headers":
      return; // never answers
    default:
      return res.writeHead(404).end("not found");
  }
}

beforeAll(async () => {
  server = http.createServer(route);
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  allow = { allowHosts: [`127.0.0.1:${port}`] };
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function refusal(promise: Promise<unknown>): Promise<IntakeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntakeError);
  expect((error as IntakeError).status).toBe(422);
  return error as IntakeError;
}

/** The hosts every socket of the test tried to connect to. */
function spyOnConnections(): () => string[] {
  const spy = vi.spyOn(net.Socket.prototype, "connect");
  return () =>
    spy.mock.calls.map((args) => {
      const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string } | number | string;
      return typeof first === "object" && first ? String(first.host) : String(args[1] ?? first);
    });
}

describe("fetchUrl", () => {
  it("refuses the local server unless it is allowed, before connecting", async () => {
    const before = connections;
    const error = await refusal(fetchUrl(`${base}/page`, { allowHosts: [] }));
    expect(error.message).toBe("That address is on a private network and cannot be fetched (127.0.0.1 is a loopback address)");
    expect(connections).toBe(before);
  });

  it("refuses a host name that resolves to loopback", async () => {
    const before = connections;
    const error = await refusal(fetchUrl(`http://localhost:${(server.address() as AddressInfo).port}/page`, { allowHosts: [] }));
    expect(error.message).toMatch(/^That address is on a private network and cannot be fetched \((127\.0\.0\.1|::1) is a loopback address\)$/);
    expect(connections).toBe(before);
  });

  it("fetches an allowed host, with Provenant's User-Agent, and reports where and when", async () => {
    const before = Date.now();
    const fetched = await fetchUrl(`${base}/page`, allow);
    expect(new TextDecoder().decode(fetched.bytes)).toBe(PAGE);
    expect(fetched.contentType).toBe("text/html; charset=utf-8");
    expect(fetched.finalUrl).toBe(`${base}/page`);
    expect(fetched.fetchedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(requests.at(-1)?.["user-agent"]).toBe(FETCH_USER_AGENT);
    expect(requests.at(-1)?.accept).toContain("text/html");
  });

  it("reads the allowlist from PV_FETCH_ALLOW_HOSTS when no option is given", async () => {
    vi.stubEnv("PV_FETCH_ALLOW_HOSTS", ` other.example , ${new URL(base).host} `);
    try {
      expect((await fetchUrl(`${base}/page`)).bytes.byteLength).toBe(PAGE.length);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("decompresses a gzip body", async () => {
    expect(new TextDecoder().decode((await fetchUrl(`${base}/gzip`, allow)).bytes)).toBe("Khojaly ".repeat(100));
  });

  it("refuses a redirect to a private or metadata address without connecting to it", async () => {
    const connected = spyOnConnections();
    for (const [path, address, kind] of [
      ["/to-private", "10.0.0.1", "private"],
      ["/to-metadata", "169.254.169.254", "link-local"],
    ]) {
      const error = await refusal(fetchUrl(`${base}${path}`, allow));
      expect(error.message).toBe(`That address is on a private network and cannot be fetched (${address} is a ${kind} address)`);
    }
    expect(connected().length).toBeGreaterThan(0); // the spy sees connections (to the local server)
    expect(connected().filter((host) => host !== "127.0.0.1")).toEqual([]);
  });

  it("re-checks each redirect: an allowed host cannot lead to a name that resolves to loopback", async () => {
    const error = await refusal(fetchUrl(`${base}/to-localhost`, allow));
    expect(error.message).toMatch(/^That address is on a private network/);
  });

  it("follows 5 redirects and refuses the sixth", async () => {
    const fetched = await fetchUrl(`${base}/chain/5`, allow);
    expect(fetched.finalUrl).toBe(`${base}/chain/0`);
    const error = await refusal(fetchUrl(`${base}/chain/6`, allow));
    expect(error.message).toBe("Too many redirects (more than 5)");
  });

  it("refuses a body over the limit, declared or streamed", async () => {
    expect((await refusal(fetchUrl(`${base}/big`, { ...allow, maxBytes: 1000 }))).message).toBe("The page is larger than 1,000 bytes");
    expect((await refusal(fetchUrl(`${base}/big-stream`, { ...allow, maxBytes: 4096 }))).message).toBe("The page is larger than 4 KB");
    expect((await refusal(fetchUrl(`${base}/gzip-bomb`, { ...allow, maxBytes: 64 * 1024 }))).message).toBe("The page is larger than 64 KB");
  });

  it("gives up on a slow server", async () => {
    const started = Date.now();
    expect((await refusal(fetchUrl(`${base}/slow-headers`, { ...allow, timeoutMs: 300 }))).message).toBe("The page took longer than 0.3 s");
    expect((await refusal(fetchUrl(`${base}/slow-body`, { ...allow, timeoutMs: 300 }))).message).toBe("The page took longer than 0.3 s");
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("refuses other schemes, also as a redirect target", async () => {
    for (const url of ["ftp://example.org/file.txt", "file:///etc/passwd", "javascript:alert(1)"]) {
      expect((await refusal(fetchUrl(url, allow))).message).toBe("Only http and https URLs can be imported");
    }
    expect((await refusal(fetchUrl(`${base}/to-ftp`, allow))).message).toBe("Only http and https URLs can be imported");
    expect((await refusal(fetchUrl("not a url", allow))).message).toBe("That is not a valid URL");
  });

  it("refuses an address with a user name or password, which it would otherwise send on", async () => {
    const withCredentials = base.replace("http://", "http://reviewer:secret@");
    expect((await refusal(fetchUrl(`${withCredentials}/article`, allow))).message).toMatch(/^Remove the user name and password from the address/);
  });

  it("reports the server's error status", async () => {
    expect((await refusal(fetchUrl(`${base}/missing`, allow))).message).toBe("The server answered 404");
  });
});
