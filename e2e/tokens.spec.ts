import { expect, test, type Page } from "@playwright/test";
import { generateToken, hashToken, tokenPrefix } from "../lib/tokens/secret";
import { createUser, createWorkspace, prisma, signIn } from "./fixtures/factories";

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Creates a token through the settings page and reads it from the one-time notice. */
async function createTokenInUi(page: Page, name: string, scope: "Read" | "Read and write"): Promise<string> {
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("radio", { name: new RegExp(`^${scope} —`) }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const notice = page.getByRole("status").filter({ hasText: `Token “${name}” created` });
  await expect(notice).toContainText("you will not see it again");
  const token = (await notice.getByLabel("New API token").textContent()) ?? "";
  expect(token).toMatch(/^pv_[A-Za-z0-9_-]{43}$/);
  return token;
}

function tokenRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
}

test("a member creates, uses and revokes tokens at /settings/tokens; READ tokens only read", async ({ page, context, request }) => {
  const workspace = await createWorkspace({ corpus: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, workspace.users.EDITOR);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Give the token a name")).toBeVisible();

  const readToken = await createTokenInUi(page, "Read script", "Read");
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(readToken);
  const row = tokenRow(page, "Read script");
  await expect(row).toContainText(readToken.slice(0, 10));
  await expect(row.getByRole("cell").nth(0)).toHaveText("Read");
  await expect(row.getByRole("cell").nth(2)).toHaveText("Never");

  // Shown once: after a reload it is nowhere on the page, only its prefix in the list.
  await page.reload();
  await expect(page.getByText(readToken)).toHaveCount(0);
  await expect(page.getByText("you will not see it again")).toHaveCount(0);
  await expect(tokenRow(page, "Read script").getByRole("cell").nth(2)).toHaveText("Never");

  // The token reads as its owner, with no session at all (this request context has no cookies).
  const listed = await request.get("/api/v1/documents", { headers: bearer(readToken) });
  expect(listed.status()).toBe(200);
  expect((await listed.json()).documents.map((d: { id: string }) => d.id).sort()).toEqual(workspace.documents.map((d) => d.id).sort());
  await page.reload();
  await expect(tokenRow(page, "Read script").getByRole("cell").nth(2)).toHaveText(/UTC$/);

  // A READ token cannot write; nothing was created.
  const doc = { workspaceId: workspace.id, title: "From a script", text: "Written by a token." };
  const refused = await request.post("/api/v1/documents", { headers: bearer(readToken), data: doc });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({ code: "FORBIDDEN", message: "This token can only read" });
  expect(await prisma().document.count({ where: { workspaceId: workspace.id, title: doc.title } })).toBe(0);

  const writeToken = await createTokenInUi(page, "Write script", "Read and write");
  const created = await request.post("/api/v1/documents", { headers: bearer(writeToken), data: doc });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({ title: "From a script", workspaceId: workspace.id });
  // A token cannot mint or revoke tokens.
  expect((await request.post("/api/v1/tokens", { headers: bearer(writeToken), data: { name: "More", scope: "READ_WRITE" } })).status()).toBe(403);

  // Revoked in the UI: the next request with it is 401, and the list marks it.
  page.once("dialog", (dialog) => dialog.accept());
  await tokenRow(page, "Read script").getByRole("button", { name: "Revoke Read script" }).click();
  await expect(tokenRow(page, "Read script")).toContainText("Revoked");
  await expect(tokenRow(page, "Read script").getByRole("button")).toHaveCount(0);
  const revoked = await request.get("/api/v1/documents", { headers: bearer(readToken) });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("UNAUTHENTICATED");

  expect((await request.get("/api/v1/documents", { headers: bearer("pv_garbage") })).status()).toBe(401);
  // A bad token is refused even next to a valid session cookie: no silent fallback.
  expect((await page.request.get("/api/v1/documents", { headers: bearer(generateToken()) })).status()).toBe(401);
  expect((await page.request.get("/api/v1/documents")).status()).toBe(200);
});

test("tokens over the API: the session creates and revokes its own; others' are not found", async ({ page, request }) => {
  const [owner, other] = [await createUser("owner"), await createUser("other")];
  await signIn(page, owner);
  const created = await page.request.post("/api/v1/tokens", { data: { name: "CI", scope: "READ" } });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body).toMatchObject({ name: "CI", scope: "READ", lastUsedAt: null, revokedAt: null, prefix: body.token.slice(0, 10) });

  const listed = await (await request.get("/api/v1/tokens", { headers: bearer(body.token) })).json();
  expect(listed.tokens).toEqual([expect.objectContaining({ id: body.id, name: "CI" })]);
  expect(JSON.stringify(listed)).not.toContain(body.token);
  expect((await page.request.post("/api/v1/tokens", { data: { name: "", scope: "ADMIN" } })).status()).toBe(422);

  const othersToken = await prisma().apiToken.create({ data: { userId: other.id, name: "theirs", scope: "READ", hash: hashToken(generateToken()), prefix: "pv_xxxxxxx" } });
  expect((await page.request.delete(`/api/v1/tokens/${othersToken.id}`)).status()).toBe(404);
  const revoked = await page.request.delete(`/api/v1/tokens/${body.id}`);
  expect(revoked.status()).toBe(200);
  expect((await revoked.json()).revokedAt).not.toBeNull();
  expect((await request.get("/api/v1/tokens", { headers: bearer(body.token) })).status()).toBe(401);
});

test("a token acts as its owner: another workspace's document is 404; live streams accept tokens; the API description is public", async ({ request, baseURL }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  async function tokenFor(userId: string) {
    const token = generateToken();
    await prisma().apiToken.create({ data: { userId, name: "script", scope: "READ", hash: hashToken(token), prefix: tokenPrefix(token) } });
    return token;
  }
  const member = await tokenFor(workspace.users.VIEWER.id);
  const stranger = await tokenFor((await createUser("stranger")).id);

  expect((await request.get(`/api/v1/documents/${doc.id}`, { headers: bearer(member) })).status()).toBe(200);
  const hidden = await request.get(`/api/v1/documents/${doc.id}`, { headers: bearer(stranger) });
  expect(hidden.status()).toBe(404);
  expect((await hidden.json()).error.code).toBe("NOT_FOUND");
  expect((await (await request.get("/api/v1/documents", { headers: bearer(stranger) })).json()).documents).toEqual([]);
  expect((await request.get(`/api/v1/workspaces/${workspace.id}`, { headers: bearer(stranger) })).status()).toBe(404);

  // Server-Sent Events with a token: the stream opens (GET), then we hang up.
  const abort = new AbortController();
  const live = await fetch(`${baseURL}/api/v1/documents/${doc.id}/live`, { headers: bearer(member), signal: abort.signal });
  expect(live.status).toBe(200);
  expect(live.headers.get("content-type")).toContain("text/event-stream");
  abort.abort();

  const described = await request.get("/api/v1/openapi.json");
  expect(described.status()).toBe(200);
  const openapi = await described.json();
  expect(openapi.openapi).toMatch(/^3\.1\./);
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/tokens", "/api/v1/documents/{id}/export", "/api/v1/exports/{id}/download"]));
});
