import { expect, test, type Page } from "@playwright/test";
import { apiSignIn, createInvitation, createUser, createWorkspace, prisma, signIn } from "./fixtures/factories";

/** The owner invites `email` through the workspace page; returns what the notice says and the link in it. */
async function invite(page: Page, workspaceId: string, email: string, role = "REVIEWER") {
  await page.goto(`/workspaces/${workspaceId}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Invite" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Invitation link, shown only now" });
  await expect(notice).toBeVisible();
  const link = (await notice.locator("code").textContent()) as string;
  return { link, text: (await notice.textContent()) as string };
}

test("the owner's invitation looks the same for a known and an unknown e-mail, and its link is shown once", async ({ page, request }) => {
  const workspace = await createWorkspace();
  const known = await createUser("known");
  const unknown = `unknown-${Date.now()}@e2e.test`;
  await signIn(page, workspace.users.OWNER);

  const a = await invite(page, workspace.id, known.email);
  const b = await invite(page, workspace.id, unknown);
  expect(a.link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  const neutral = (x: { link: string; text: string }, email: string) => x.text.replace(x.link, "LINK").replace(email, "EMAIL").replace(/until .* UTC/, "until DATE");
  expect(neutral(a, known.email)).toBe(neutral(b, unknown));
  expect(await prisma().user.findUnique({ where: { email: unknown } })).toBeNull();

  // Pending, not members; after a reload the links are nowhere on the page.
  await page.reload();
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(pending.getByRole("row", { name: new RegExp(known.email) })).toBeVisible();
  await expect(pending.getByRole("row", { name: new RegExp(unknown) })).toBeVisible();
  await expect(page.getByRole("table").first().getByRole("row", { name: new RegExp(known.email) })).toHaveCount(0);
  expect(await page.content()).not.toContain(a.link.split("/").pop());

  // The API answers alike too: same status, same fields.
  await apiSignIn(request, workspace.users.OWNER);
  const answers = [];
  for (const email of [(await createUser("known2")).email, `unknown2-${Date.now()}@e2e.test`]) {
    const response = await request.post(`/api/v1/workspaces/${workspace.id}/invitations`, { data: { email, role: "VIEWER" } });
    answers.push({ status: response.status(), keys: JSON.stringify(Object.keys(await response.json())) });
  }
  expect(answers[0]).toEqual(answers[1]);
});

test("an existing account joins only when its holder signs in and accepts", async ({ page, browser }) => {
  const workspace = await createWorkspace();
  const known = await createUser("joiner");
  await signIn(page, workspace.users.OWNER);
  const { link } = await invite(page, workspace.id, known.email, "EDITOR");

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1, name: `Invitation to ${workspace.name}` })).toBeVisible();
  await expect(invitee.getByText(`${known.email} is invited to join`)).toBeVisible();
  await invitee.getByRole("link", { name: `Sign in as ${known.email}` }).click();
  await invitee.getByLabel("Email").fill(known.email);
  await invitee.getByLabel("Password").fill(known.password);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee).toHaveURL(new RegExp(link.replace(/^https?:\/\/[^/]+/, "")));
  // Not a member before accepting.
  expect(await prisma().membership.findFirst({ where: { workspaceId: workspace.id, userId: known.id } })).toBeNull();
  await invitee.getByRole("button", { name: "Accept and join" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/workspaces/${workspace.id}$`));
  await expect(invitee.getByText("Your role:")).toContainText("EDITOR");

  // The link is spent.
  await invitee.goto(link);
  await expect(invitee.getByRole("main").getByRole("alert")).toContainText("This invitation link has been used already.");
  await page.reload();
  await expect(page.getByText("No pending invitations.")).toBeVisible();
});

test("an unknown e-mail gets its account by choosing a password through the link", async ({ page, browser }) => {
  const workspace = await createWorkspace();
  const email = `newcomer-${Date.now()}@e2e.test`;
  await signIn(page, workspace.users.OWNER);
  const { link } = await invite(page, workspace.id, email, "REVIEWER");

  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByText(`Your account will be ${email}.`)).toBeVisible();
  await newcomer.getByLabel("Your name").fill("Nadia Newcomer");
  await newcomer.getByLabel("Choose a password").fill("short");
  await newcomer.getByLabel("Repeat the password").fill("short");
  await newcomer.getByRole("button", { name: "Create my account and join" }).click();
  await expect(newcomer.getByText("Use at least 12 characters")).toBeVisible();
  await newcomer.getByLabel("Choose a password").fill("a much longer passphrase");
  await newcomer.getByLabel("Repeat the password").fill("a much longer passphrase");
  await newcomer.getByRole("button", { name: "Create my account and join" }).click();
  await expect(newcomer).toHaveURL(new RegExp(`/workspaces/${workspace.id}$`));
  await expect(newcomer.getByText("Your role:")).toContainText("REVIEWER");

  // The same link again, in another browser: refused, and no second account.
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(other.getByRole("main").getByRole("alert")).toContainText("has been used already");
  await expect(other.getByLabel("Choose a password")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("REVIEWER");
});

test("revoked, expired and unknown links are refused", async ({ page, browser }) => {
  const workspace = await createWorkspace();
  const email = `revoked-${Date.now()}@e2e.test`;
  await signIn(page, workspace.users.OWNER);
  const { link } = await invite(page, workspace.id, email);
  await page.reload();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: `Revoke the invitation of ${email}` }).click();
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("main").getByRole("alert")).toContainText("This invitation was revoked by the workspace's owner.");
  await expect(visitor.getByLabel("Choose a password")).toHaveCount(0);

  const expired = await createInvitation({ workspaceId: workspace.id, by: workspace.users.OWNER.id });
  await prisma().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await visitor.goto(`/invitations/${expired.token}`);
  await expect(visitor.getByRole("main").getByRole("alert")).toContainText("This invitation has expired.");

  // A link opened while it was valid, used after it expired: the sign-up is refused.
  const late = await createInvitation({ workspaceId: workspace.id, by: workspace.users.OWNER.id });
  await visitor.goto(`/invitations/${late.token}`);
  await prisma().invitation.update({ where: { id: late.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await visitor.getByLabel("Your name").fill("Late");
  await visitor.getByLabel("Choose a password").fill("a much longer passphrase");
  await visitor.getByLabel("Repeat the password").fill("a much longer passphrase");
  await visitor.getByRole("button", { name: "Create my account and join" }).click();
  await expect(visitor.getByRole("main").getByRole("alert")).toContainText("This invitation link cannot be used");
  expect(await prisma().user.findUnique({ where: { email: late.email } })).toBeNull();

  expect((await visitor.goto(`/invitations/${"x".repeat(43)}`))?.status()).toBe(404);
});

test("an invitation for another e-mail cannot be accepted by whoever is signed in", async ({ page }) => {
  const workspace = await createWorkspace();
  const stranger = await createUser("stranger");
  const invitation = await createInvitation({ workspaceId: workspace.id, by: workspace.users.OWNER.id });
  await signIn(page, stranger);
  await page.goto(`/invitations/${invitation.token}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(`This invitation is for ${invitation.email}`);
  await expect(page.getByRole("button", { name: "Accept and join" })).toHaveCount(0);
  expect(await prisma().membership.findFirst({ where: { workspaceId: workspace.id, userId: stranger.id } })).toBeNull();
});
