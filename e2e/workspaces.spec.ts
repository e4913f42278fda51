import { expect, test } from "@playwright/test";
import { CAMPAIGN, createAnnotation, item, openCampaign, sidebar } from "./fixtures/annotator";
import { apiSignIn, createUser, createWorkspace, prisma, signIn } from "./fixtures/factories";

test("any user creates a workspace through the UI and owns it", async ({ page }) => {
  const user = await createUser("founder");
  await signIn(page, user);
  await expect(page.getByText("No documents yet.")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workspaces" }).click();
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Give the workspace a name")).toBeVisible();
  await page.getByLabel("Workspace name").fill("Fact desk");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fact desk" })).toBeVisible();
  await expect(page.getByText("Your role: OWNER")).toBeVisible();
  await page.goto("/documents");
  await expect(page.getByRole("link", { name: "New document" })).toBeVisible();
});

test("an owner changes roles and removes members; the last owner stays", async ({ page, browser }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  await signIn(page, workspace.users.OWNER);
  await page.goto(`/workspaces/${workspace.id}`);

  await page.getByLabel(`Role of ${workspace.users.OWNER.email}`).selectOption("EDITOR");
  await expect(page.getByRole("alert").filter({ hasText: "A workspace needs at least one owner" })).toBeVisible();
  await expect(page.getByLabel(`Role of ${workspace.users.OWNER.email}`)).toHaveValue("OWNER");

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: `Remove ${workspace.users.OWNER.email}` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A workspace needs at least one owner" })).toBeVisible();

  // The reviewer has the document open; removal takes effect on their next request.
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, workspace.users.REVIEWER);
  await reviewer.goto(`/documents/${doc.id}`);
  await expect(reviewer.getByRole("heading", { level: 1, name: doc.title })).toBeVisible();

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: `Remove ${workspace.users.REVIEWER.email}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(workspace.users.REVIEWER.email) })).toHaveCount(0);
  expect((await reviewer.reload())?.status()).toBe(404);

  await page.getByLabel(`Role of ${workspace.users.VIEWER.email}`).selectOption("EDITOR");
  await expect(page.getByLabel(`Role of ${workspace.users.VIEWER.email}`)).toHaveValue("EDITOR");
  const promoted = await (await browser.newContext()).newPage();
  await signIn(promoted, workspace.users.VIEWER);
  await expect(promoted.getByRole("link", { name: "New document" })).toBeVisible();
});

test("members API: invite, change role, remove, with JSON errors", async ({ request }) => {
  const workspace = await createWorkspace();
  await apiSignIn(request, workspace.users.OWNER);
  const members = `/api/v1/workspaces/${workspace.id}/members`;
  const invitations = `/api/v1/workspaces/${workspace.id}/invitations`;

  const created = await request.post(invitations, { data: { email: `Fresh-${Date.now()}@E2E.test`, role: "REVIEWER" } });
  expect(created.status()).toBe(201);
  const fresh = await created.json();
  expect(fresh.invitation.email).toMatch(/^fresh-\d+@e2e\.test$/);
  expect(fresh.path).toBe(`/invitations/${fresh.token}`);

  expect((await (await request.get(invitations)).json()).invitations.map((i: { email: string }) => i.email)).toEqual([fresh.invitation.email]);
  expect((await request.delete(`${invitations}/${fresh.invitation.id}`)).status()).toBe(204);
  expect((await request.delete(`${invitations}/${fresh.invitation.id}`)).status()).toBe(404);
  expect((await (await request.get(invitations)).json()).invitations).toEqual([]);

  // A member already (joined by accepting, as invitations.spec.ts shows) is not invited again.
  const existing = await createUser("existing");
  await prisma().membership.create({ data: { workspaceId: workspace.id, userId: existing.id, role: "VIEWER" } });

  const again = await request.post(invitations, { data: { email: existing.email, role: "VIEWER" } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.fields).toEqual({ email: "Already a member of this workspace" });

  const invalid = await request.post(invitations, { data: { email: "not-an-email", role: "KING" } });
  expect(invalid.status()).toBe(422);
  const { error } = await invalid.json();
  expect(error.code).toBe("VALIDATION");
  expect(error.fields.email).toBe("Enter a valid email address");
  expect(error.fields.role).toContain("Choose a role");

  const unknownField = await request.post(invitations, { data: { email: existing.email, role: "VIEWER", admin: true } });
  expect(unknownField.status()).toBe(400);
  expect((await unknownField.json()).error.fields).toEqual({ admin: "Unknown field" });

  expect((await request.patch(`${members}/${existing.id}`, { data: { role: "EDITOR" } })).status()).toBe(200);
  expect((await request.patch(`${members}/${workspace.users.OWNER.id}`, { data: { role: "VIEWER" } })).status()).toBe(409);
  expect((await request.delete(`${members}/${existing.id}`)).status()).toBe(204);
  expect((await request.delete(`${members}/${existing.id}`)).status()).toBe(404);

  const list = await (await request.get(members)).json();
  expect(list.members.map((m: { email: string }) => m.email)).not.toContain(existing.email);
});

test("a non-owner cannot manage members (403), a stranger gets 404", async ({ playwright, baseURL }) => {
  const workspace = await createWorkspace();
  const editor = await playwright.request.newContext({ baseURL });
  await apiSignIn(editor, workspace.users.EDITOR);
  const members = `/api/v1/workspaces/${workspace.id}/members`;
  const invitations = `/api/v1/workspaces/${workspace.id}/invitations`;
  expect((await editor.post(invitations, { data: { email: "x@e2e.test", role: "VIEWER" } })).status()).toBe(403);
  expect((await editor.get(invitations)).status()).toBe(403);
  expect((await editor.delete(`${members}/${workspace.users.VIEWER.id}`)).status()).toBe(403);

  const stranger = await playwright.request.newContext({ baseURL });
  await apiSignIn(stranger, await createUser("stranger"));
  expect((await stranger.post(invitations, { data: { email: "x@e2e.test", role: "VIEWER" } })).status()).toBe(404);
  expect((await stranger.get(members)).status()).toBe(404);
  const list = await (await stranger.get("/api/v1/workspaces")).json();
  expect(list.workspaces).toEqual([]);
});

test("an owner switches off the two-person rule; a verdict then needs no sign-off, and a stale switch is refused", async ({ page, browser, request }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents.find((d) => d.title === CAMPAIGN)!;
  await createAnnotation({ documentId: doc.id, userId: workspace.users.EDITOR.id, needle: "ASALA" });
  await signIn(page, workspace.users.OWNER);
  await page.goto(`/workspaces/${workspace.id}`);
  const setting = page.getByLabel("Require a second person's sign-off for verdicts");
  await expect(setting).toBeChecked();

  // Another owner's change lands first (through the API): this page's version is stale.
  await apiSignIn(request, workspace.users.OWNER);
  expect((await request.patch(`/api/v1/workspaces/${workspace.id}`, { data: { version: 1, requireSignOff: true } })).status()).toBe(200);
  await setting.click(); // refused at once, so it springs back: .uncheck() would call that a failure
  await expect(page.getByRole("alert").filter({ hasText: "Another owner changed these settings" })).toBeVisible();
  await expect(setting).toBeChecked();
  await setting.uncheck();
  await expect(setting).not.toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(setting).not.toBeChecked();

  await apiSignIn(request, workspace.users.EDITOR);
  expect((await request.patch(`/api/v1/workspaces/${workspace.id}`, { data: { version: 3, requireSignOff: true } })).status()).toBe(403);

  const reviewer = await (await browser.newContext()).newPage();
  await openCampaign(reviewer, workspace, "REVIEWER");
  await item(reviewer, "ASALA").locator(":scope > .item-button").click();
  await sidebar(reviewer).getByLabel("Verification status").selectOption("SOURCE_NOT_FOUND");
  await sidebar(reviewer).getByRole("button", { name: "Save changes" }).click();
  const signOff = sidebar(reviewer).getByRole("region", { name: "Sign-off" });
  await expect(signOff).toContainText("This workspace does not ask for a second person's sign-off.");
  await expect(signOff).toContainText("Verdict by reviewer");
  await expect(item(reviewer, "ASALA")).not.toContainText("Awaiting sign-off");
});
