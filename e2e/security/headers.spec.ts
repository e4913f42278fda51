/**
 * Every response carries a Content-Security-Policy and the usual security headers, and the whole
 * app runs under its policy in Chromium: no page reports a violation.
 */
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { createAnnotation, createEvidence, createSource } from "../fixtures/annotator";
import { apiSignIn, createWorkspace, prisma, signIn, type TWorkspace } from "../fixtures/factories";

const SECURITY_HEADERS: Record<string, RegExp> = {
  "strict-transport-security": /^max-age=\d{7,}/,
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^(same-origin|no-referrer|strict-origin|strict-origin-when-cross-origin)$/,
  "x-frame-options": /^DENY$/,
  "permissions-policy": /camera=\(\)/,
  "cross-origin-opener-policy": /^same-origin$/,
};

/** The directives of a policy, by name. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

/** What any policy we send must say, page or not. */
function expectBaselinePolicy(csp: string | undefined, where: string) {
  expect(csp, `${where} has a Content-Security-Policy`).toBeTruthy();
  const policy = directives(csp as string);
  expect(csp, where).not.toContain("unsafe-eval");
  expect(policy.get("object-src"), `${where} object-src`).toEqual(["'none'"]);
  expect(policy.get("base-uri"), `${where} base-uri`).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors"), `${where} frame-ancestors`).toEqual(["'none'"]);
  return policy;
}

/** A page's policy: a nonce with 'strict-dynamic' for scripts, no inline script, nothing from elsewhere. */
function expectPagePolicy(csp: string | undefined, where: string): string {
  const policy = expectBaselinePolicy(csp, where);
  const scripts = policy.get("script-src") ?? [];
  const nonce = scripts.find((value) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(value));
  expect(nonce, `${where} script-src has a nonce`).toBeTruthy();
  expect(scripts, where).toContain("'strict-dynamic'");
  expect(scripts, where).not.toContain("'unsafe-inline'");
  expect(policy.get("connect-src"), where).toEqual(["'self'"]);
  expect(policy.get("img-src"), where).toEqual(expect.arrayContaining(["'self'", "data:"]));
  expect(policy.get("form-action"), where).toEqual(["'self'"]);
  expect(policy.get("default-src"), where).toEqual(["'self'"]);
  return (nonce as string).slice("'nonce-".length, -1);
}

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  for (const [name, pattern] of Object.entries(SECURITY_HEADERS)) expect(headers[name], `${where}: ${name}`).toMatch(pattern);
}

function expectStaticResponse(response: APIResponse, where: string) {
  const headers = response.headers();
  expectSecurityHeaders(headers, where);
  const policy = expectBaselinePolicy(headers["content-security-policy"], where);
  expect(policy.get("default-src"), `${where} loads nothing`).toEqual(["'none'"]);
}

let workspace: TWorkspace;
let documentId: string;
let sourceId: string;

test.beforeAll(async () => {
  workspace = await createWorkspace({ corpus: true });
  documentId = workspace.documents[0].id;
  const owner = workspace.users.OWNER.id;
  const source = await createSource({ workspaceId: workspace.id, userId: owner, title: "Headers Gazette" });
  sourceId = source.id;
  const { text } = await prisma().document.findUniqueOrThrow({ where: { id: documentId }, select: { text: true } });
  const needle = text.match(/\b[A-Z][a-z]{5,}\b/)?.[0] as string;
  const annotation = await createAnnotation({ documentId, userId: owner, needle, sourceId, note: "checked against the archive" });
  await createEvidence({ annotationId: annotation.id, userId: owner, passage: "The archive says so." });
});

test("API JSON, errors, downloads, next-auth and static files carry the static policy and the security headers", async ({ request }) => {
  const anonymous = [
    ["/api/v1/openapi.json", 200],
    ["/api/v1/documents", 401],
    ["/api/v1/no-such-route", 401],
    ["/api/auth/csrf", 200],
    ["/schemas/provenant-export-v1.json", 200],
  ] as const;
  for (const [path, status] of anonymous) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(status);
    expectStaticResponse(response, path);
  }
  // A script chunk, named in the sign-in page.
  const html = await (await request.get("/login")).text();
  const chunk = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  expect(chunk, "the sign-in page loads a script chunk").toBeTruthy();
  expectStaticResponse(await request.get(chunk as string), chunk as string);

  await apiSignIn(request, workspace.users.OWNER);
  const signedIn = [
    `/api/v1/documents/${documentId}`,
    `/api/v1/documents/${documentId}/export?format=html`,
    `/api/v1/documents/${documentId}/export?format=csv`,
    `/api/v1/sources/export?workspaceId=${workspace.id}&format=bibtex`,
  ];
  for (const path of signedIn) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectStaticResponse(response, path);
  }
  const unknown = await request.get("/api/v1/no-such-route");
  expect(unknown.status(), "an unknown API URL, signed in").toBe(404);
  expectStaticResponse(unknown, "/api/v1/no-such-route (signed in)");
  const invalid = await request.post("/api/v1/documents", { data: { title: 42 } });
  expect(invalid.status()).toBeGreaterThanOrEqual(400);
  expectStaticResponse(invalid, "POST /api/v1/documents (invalid)");
});

test("pages send a fresh nonce per request, and Next.js puts it on its scripts", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  expectSecurityHeaders(first.headers(), "/login");
  const nonce = expectPagePolicy(first.headers()["content-security-policy"], "/login");
  const again = expectPagePolicy(second.headers()["content-security-policy"], "/login (again)");
  expect(again).not.toBe(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script tag carries the request's nonce").toContain(`nonce="${nonce}"`);

  // The proxy's redirect to sign-in, and a page that does not exist.
  const redirect = await request.get("/documents", { maxRedirects: 0 });
  expect(redirect.status()).toBeGreaterThanOrEqual(300);
  expectSecurityHeaders(redirect.headers(), "redirect to /login");
  expectPagePolicy(redirect.headers()["content-security-policy"], "redirect to /login");

  await apiSignIn(request, workspace.users.OWNER);
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing.headers(), "404 page");
  expectPagePolicy(missing.headers()["content-security-policy"], "404 page");
});

type TViolation = { directive: string; blocked: string; sample: string; page: string };

/** Collects CSP violations (the DOM event, in every frame) and the console's CSP errors. */
async function watchViolations(page: Page) {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const store: object[] = [];
    (window as unknown as { __cspViolations: object[] }).__cspViolations = store;
    document.addEventListener("securitypolicyviolation", (event) => {
      store.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample, page: location.pathname });
    });
  });
  return {
    console,
    async violations(): Promise<TViolation[]> {
      return page.evaluate(() => (window as unknown as { __cspViolations: TViolation[] }).__cspViolations ?? []);
    },
  };
}

/** Opens a page, checks its headers, that Next.js's own inline scripts ran, and that nothing was refused. */
async function visit(page: Page, path: string, watcher: Awaited<ReturnType<typeof watchViolations>>, ready: () => Promise<void>) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  const headers = await (response as NonNullable<typeof response>).allHeaders();
  expectSecurityHeaders(headers, path);
  expectPagePolicy(headers["content-security-policy"], path);
  await ready();
  // The App Router's inline bootstrap defines __next_f: it only exists if the nonced scripts ran.
  expect(await page.evaluate(() => Array.isArray((window as unknown as { __next_f?: unknown }).__next_f)), `${path} hydrated`).toBe(true);
  expect(await watcher.violations(), `${path}: CSP violations`).toEqual([]);
}

test("every kind of page runs under the policy with no violation", async ({ page }) => {
  test.setTimeout(120_000);
  const watcher = await watchViolations(page);
  const heading = (name: RegExp | string) => () => expect(page.getByRole("heading", { level: 1 }).filter({ hasText: name }).first()).toBeVisible();
  const main = () => expect(page.locator("main").first()).toBeVisible();

  await visit(page, "/login", watcher, () => expect(page.getByRole("button", { name: "Sign in" })).toBeVisible());
  await signIn(page, workspace.users.OWNER);
  const pages: [string, () => Promise<void>][] = [
    ["/documents", main],
    [`/documents/${documentId}`, () => expect(page.getByRole("region", { name: "Annotations" })).toBeVisible()],
    [`/documents/${documentId}/report`, main],
    [`/documents/${documentId}/import`, main],
    [`/documents/${documentId}/activity`, main],
    ["/documents/new", main],
    ["/queue", heading(/queue/i)],
    ["/dashboard", heading(/progress/i)],
    ["/inbox", main],
    [`/reports?workspace=${workspace.id}`, main],
    ["/settings", main],
    ["/settings/tokens", main],
    [`/sources?workspace=${workspace.id}`, main],
    [`/sources/${sourceId}`, main],
    [`/sources/import?workspace=${workspace.id}`, main],
    [`/workspaces/${workspace.id}`, main],
    ["/workspaces", main],
    ["/account/password", main],
    ["/no-such-page", heading(/not found/i)],
  ];
  for (const [path, ready] of pages) await visit(page, path, watcher, ready);

  // The reading view at work: the sidebar's details, the live stream, the comment editor.
  await page.goto(`/documents/${documentId}`);
  const sidebar = page.getByRole("region", { name: "Annotations" });
  await sidebar.locator(".annotation-item > .item-button").first().click();
  const discussion = sidebar.getByRole("region", { name: /^Discussion/ });
  await discussion.getByRole("textbox", { name: "Write a comment" }).click();
  await page.keyboard.type("Seen under the policy");
  await discussion.getByRole("button", { name: "Post", exact: true }).click();
  await expect(discussion.getByRole("list", { name: "Comments" }).getByRole("listitem")).toHaveCount(1);
  expect(await watcher.violations(), "reading view interactions").toEqual([]);
  expect(watcher.console, "console CSP errors").toEqual([]);
});
