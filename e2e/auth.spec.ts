import { expect, test } from "@playwright/test";
import { createUser, createWorkspace, PASSWORD, prisma, signIn } from "./fixtures/factories";
import { hashPassword } from "../lib/auth/password";
import { CORPUS, DEMO_PASSWORD } from "../prisma/demo";

test("the demo editor signs in and sees the five corpus documents", async ({ page }) => {
  await signIn(page, { email: "editor@example.com", password: DEMO_PASSWORD });
  const rows = page.getByRole("table").getByRole("row");
  for (const { title } of CORPUS) await expect(rows.filter({ hasText: title })).toHaveCount(1);
  await expect(page.getByRole("link", { name: "New document" })).toBeVisible();
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const user = await createUser("wrongpw");
  for (const email of [user.email, `nobody-${Date.now()}@e2e.test`]) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Wrong email or password");
    await expect(page).toHaveURL(/\/login/);
  }
});

test("after 10 failed attempts sign-in is refused, even with the right password", async ({ page }) => {
  const user = await createUser("throttled");
  await page.goto("/login");
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Wrong email or password");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toHaveText("Too many attempts, try again later");
  await page.goto("/documents");
  await expect(page).toHaveURL(/\/login/);
});

test("signing out ends the session", async ({ page }) => {
  const { users } = await createWorkspace();
  await signIn(page, users.REVIEWER);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/documents");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdocuments/);
});

test("without a session every page redirects to /login and every API URL answers 401", async ({ page, request }) => {
  const { documents, id } = await createWorkspace({ corpus: true });
  for (const path of ["/", "/documents", "/documents/new", `/documents/${documents[0].id}`, "/workspaces", `/workspaces/${id}`, "/account/password"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  }
  const calls: Array<[string, string]> = [
    ["GET", "/api/v1/workspaces"],
    ["POST", "/api/v1/workspaces"],
    ["POST", `/api/v1/workspaces/${id}/invitations`],
    ["PATCH", `/api/v1/workspaces/${id}/members/someone`],
    ["DELETE", `/api/v1/workspaces/${id}/members/someone`],
    ["GET", "/api/v1/documents"],
    ["POST", "/api/v1/documents"],
    ["GET", `/api/v1/documents/${documents[0].id}`],
    ["PATCH", `/api/v1/documents/${documents[0].id}`],
    ["DELETE", `/api/v1/documents/${documents[0].id}`],
    ["GET", "/api/v1/no-such-endpoint"],
  ];
  for (const [method, url] of calls) {
    const response = await request.fetch(url, { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
    expect(response.status(), `${method} ${url}`).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  }
});

test("an account made with a one-time password (before invitations) must choose a new one at sign-in", async ({ browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const email = `newcomer-${Date.now()}@e2e.test`;
  const oneTimePassword = "OneTime2345abcd";
  const { id } = await prisma().user.create({ data: { email, name: "newcomer", passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true }, select: { id: true } });
  await prisma().membership.create({ data: { workspaceId: workspace.id, userId: id, role: "REVIEWER" } });

  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto("/login");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Password").fill(oneTimePassword);
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer).toHaveURL(/\/account\/password/);
  await newcomer.goto(`/documents/${workspace.documents[0].id}`);
  await expect(newcomer).toHaveURL(/\/account\/password/);

  await newcomer.getByLabel("New password", { exact: true }).fill("short");
  await newcomer.getByLabel("Repeat the new password").fill("short");
  await newcomer.getByRole("button", { name: "Save password" }).click();
  await expect(newcomer.getByText("Use at least 12 characters")).toBeVisible();

  await newcomer.getByLabel("New password", { exact: true }).fill("a much longer passphrase");
  await newcomer.getByLabel("Repeat the new password").fill("a much longer passphrase");
  await newcomer.getByRole("button", { name: "Save password" }).click();
  await expect(newcomer).toHaveURL(/\/documents$/);
  await expect(newcomer.getByRole("link", { name: workspace.documents[0].title })).toBeVisible();
});
