import { expect, test, type Browser, type Page } from "@playwright/test";
import { createWorkspace, prisma, signIn, type TUser } from "./fixtures/factories";

const NEW_PASSWORD = "a new and longer passphrase";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A browser of its own (cookies apart), signed in as `user`. */
async function browserOf(browser: Browser, user: TUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

/** Creates a token through the settings page, with the expiry chosen, and reads it from the one-time notice. */
async function createToken(page: Page, name: string, expires?: string): Promise<string> {
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill(name);
  if (expires) await page.getByLabel("Expires").selectOption({ label: expires });
  await page.getByRole("button", { name: "Create token" }).click();
  const notice = page.getByRole("status").filter({ hasText: `Token “${name}” created` });
  return (await notice.getByLabel("New API token").textContent()) ?? "";
}

async function changePassword(page: Page, options: { current: string; revokeTokens?: boolean }) {
  await page.goto("/account");
  await page.getByRole("link", { name: "Change your password" }).click();
  await page.getByLabel("Current password").fill(options.current);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  if (options.revokeTokens) await page.getByLabel("Also revoke my API tokens").check();
  await page.getByRole("button", { name: "Save password" }).click();
}

test("changing the password needs the current one, and signs the other browser out on its next request", async ({ browser }) => {
  const { users } = await createWorkspace();
  const here = await browserOf(browser, users.REVIEWER);
  const there = await browserOf(browser, users.REVIEWER);

  await changePassword(here, { current: "not my password at all" });
  await expect(here.getByText("Your current password is not right")).toBeVisible();
  await there.goto("/documents");
  await expect(there).toHaveURL(/\/documents$/);

  await here.getByLabel("Current password").fill(users.REVIEWER.password);
  await here.getByRole("button", { name: "Save password" }).click();
  await expect(here).toHaveURL(/\/documents$/);

  // The other browser is signed out at once; this one goes on.
  await there.goto("/documents");
  await expect(there).toHaveURL(/\/login/);
  expect((await there.request.get("/api/v1/documents")).status()).toBe(401);
  await here.goto("/account");
  await expect(here.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  // The new password signs in; the old one does not.
  await signIn(there, { email: users.REVIEWER.email, password: NEW_PASSWORD });
});

test("sign out everywhere ends this session and every other one", async ({ browser }) => {
  const { users } = await createWorkspace();
  const here = await browserOf(browser, users.EDITOR);
  const there = await browserOf(browser, users.EDITOR);
  await here.getByRole("link", { name: "Account" }).click();
  await here.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(here).toHaveURL(/\/login/);
  await there.goto("/documents");
  await expect(there).toHaveURL(/\/login/);
  await here.goto("/documents");
  await expect(here).toHaveURL(/\/login/);
});

test("a password change revokes the API tokens only when asked", async ({ browser, request }) => {
  const { users } = await createWorkspace();
  const page = await browserOf(browser, users.VIEWER);
  const kept = await createToken(page, "Kept script");
  await changePassword(page, { current: users.VIEWER.password });
  await expect(page).toHaveURL(/\/documents$/);
  expect((await request.get("/api/v1/documents", { headers: bearer(kept) })).status()).toBe(200);

  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(NEW_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(`${NEW_PASSWORD} again`);
  await page.getByLabel("Repeat the new password").fill(`${NEW_PASSWORD} again`);
  await page.getByLabel("Also revoke my API tokens").check();
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/documents$/);
  expect((await request.get("/api/v1/documents", { headers: bearer(kept) })).status()).toBe(401);
});

test("API tokens expire after 90 days unless another expiry or never is chosen; an expired token is 401", async ({ browser, request }) => {
  const { users } = await createWorkspace();
  const page = await browserOf(browser, users.EDITOR);
  const usual = await createToken(page, "Usual script");
  await createToken(page, "Forever script", "Never");
  const row = (name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
  await page.reload();
  // As the page writes dates (lib/format.ts), e.g. "7 Mar 2027".
  const in90 = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.now() + 90 * 24 * 60 * 60 * 1000));
  await expect(row("Usual script").getByRole("cell").nth(3)).toContainText(in90);
  await expect(row("Forever script").getByRole("cell").nth(3)).toHaveText("Never");
  const stored = await prisma().apiToken.findMany({ where: { userId: users.EDITOR.id }, select: { name: true, expiresAt: true } });
  expect(stored.find((t) => t.name === "Forever script")?.expiresAt).toBeNull();

  expect((await request.get("/api/v1/documents", { headers: bearer(usual) })).status()).toBe(200);
  await prisma().apiToken.updateMany({ where: { userId: users.EDITOR.id, name: "Usual script" }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const expired = await request.get("/api/v1/documents", { headers: bearer(usual) });
  expect(expired.status()).toBe(401);
  expect((await expired.json()).error).toMatchObject({ code: "UNAUTHENTICATED", message: "This API token has expired" });
  await page.reload();
  await expect(row("Usual script").getByRole("cell").nth(3)).toContainText("Expired");
});
