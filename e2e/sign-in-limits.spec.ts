/**
 * Sign-in limits seen from real client addresses: the test connects from other loopback addresses
 * (127.0.0.x), which the server sees as the socket's peer. The test server trusts no proxy
 * (PV_TRUSTED_PROXY unset), so forwarding headers a client sends are not believed.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";
import { createUser, PASSWORD } from "./fixtures/factories";

const port = Number(process.env.E2E_PORT ?? 3100);

function request(options: { method: string; path: string; from: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: options.method, path: options.path, localAddress: options.from, headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const cookiesOf = (headers: http.IncomingHttpHeaders) => (headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

/**
 * One sign-in through next-auth's credentials endpoint from `from`: "ok", or the error code the
 * login form would show ("CredentialsSignin", "RateLimited").
 */
async function signInFrom(from: string, credentials: { email: string; password: string }, headers: Record<string, string> = {}): Promise<string> {
  const csrf = await request({ method: "GET", path: "/api/auth/csrf", from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ ...credentials, csrfToken, json: "true" }).toString();
  const answer = await request({
    method: "POST",
    path: "/api/auth/callback/credentials",
    from,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf.headers), ...headers },
    body,
  });
  if (/next-auth\.session-token=/.test(cookiesOf(answer.headers))) return "ok";
  const url = answer.headers.location ?? (JSON.parse(answer.body) as { url?: string }).url ?? "";
  return new URL(url, "http://x").searchParams.get("error") ?? `status ${answer.status}`;
}

// Each test has its own addresses and accounts; the global limit (1,000 a minute) is far away.
test.describe.configure({ mode: "serial", timeout: 120_000 });

test("per account and address: after 10 failures from one address it is refused there, the right password too, not from another", async () => {
  const user = await createUser("limited");
  for (let i = 0; i < 10; i++) expect(await signInFrom("127.0.0.2", { email: user.email, password: `wrong-${i}` })).toBe("CredentialsSignin");
  expect(await signInFrom("127.0.0.2", { email: user.email, password: PASSWORD })).toBe("RateLimited");
  expect(await signInFrom("127.0.0.3", { email: user.email, password: PASSWORD })).toBe("ok");
});

test("per account: 50 failures spread over addresses refuse the account from any address", async () => {
  const user = await createUser("guessed");
  const other = await createUser("bystander");
  for (let i = 0; i < 50; i++) {
    // Nine a address, under the per-address limit.
    expect(await signInFrom(`127.0.1.${10 + Math.floor(i / 9)}`, { email: user.email, password: `wrong-${i}` })).toBe("CredentialsSignin");
  }
  expect(await signInFrom("127.0.1.200", { email: user.email, password: PASSWORD })).toBe("RateLimited");
  // Another account from the same address is unaffected.
  expect(await signInFrom("127.0.1.200", other)).toBe("ok");
});

test("a client's own X-Forwarded-For is ignored without PV_TRUSTED_PROXY: changing it does not escape the limit", async () => {
  const user = await createUser("spoofer");
  for (let i = 0; i < 10; i++) {
    const spoofed = { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` };
    expect(await signInFrom("127.0.0.4", { email: user.email, password: `wrong-${i}` }, spoofed)).toBe("CredentialsSignin");
  }
  expect(await signInFrom("127.0.0.4", { email: user.email, password: PASSWORD }, { "x-forwarded-for": "192.0.2.77" })).toBe("RateLimited");
  expect(await signInFrom("127.0.0.5", { email: user.email, password: PASSWORD })).toBe("ok");
});
