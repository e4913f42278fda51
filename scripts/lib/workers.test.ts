import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { startBalancer, type TBalancer } from "./balancer";
import { instancePorts, workerCount } from "./workers";

describe("WORKERS", () => {
  it("one process unless asked; a bad value is refused with a message", () => {
    expect(workerCount({})).toBe(1);
    expect(workerCount({ WORKERS: "3" })).toBe(3);
    expect(() => workerCount({ WORKERS: "two" })).toThrow('WORKERS must be a whole number from 1 to 32 (got "two")');
    expect(() => workerCount({ WORKERS: "0" })).toThrow(/from 1 to 32/);
    expect(instancePorts(3000, 2)).toEqual([3001, 3002]);
  });
});

const open: { close: () => Promise<void> }[] = [];
afterAll(() => Promise.all(open.map((s) => s.close())));

function backend(name: string): Promise<number> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain", "X-Host": String(req.headers.host), "X-Forwarded-For": String(req.headers["x-forwarded-for"]) });
    res.end(name);
  });
  open.push({ close: () => new Promise<void>((done) => server.close(() => done())) });
  return new Promise((resolve) => server.listen(0, () => resolve((server.address() as { port: number }).port)));
}

describe("balancer (real sockets)", () => {
  it("sends requests to the instances in turn, keeps the Host, and skips one that is down for a read", async () => {
    const [one, two] = await Promise.all([backend("one"), backend("two")]);
    const dead = 1; // nothing listens on port 1
    const balancer: TBalancer = await startBalancer({ port: 0, targets: [one, two, dead] });
    open.push(balancer);
    const port = (balancer.server.address() as { port: number }).port;
    const bodies: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/x`);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-host")).toBe(`127.0.0.1:${port}`);
      expect(response.headers.get("x-forwarded-for")).toMatch(/127\.0\.0\.1/);
      bodies.push(await response.text());
    }
    expect(bodies).toEqual(["one", "two", "one", "one", "two", "one"]);
  });
});
