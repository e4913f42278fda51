import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { createAnnotation, item, openCampaign, sidebar } from "./fixtures/annotator";
import { apiSignIn, createWorkspace, prisma, type TUser } from "./fixtures/factories";

const TEXT = "Memorial reported 613 killed in Khojaly, per Newsweek of 16 March 1992.";

async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, user: TUser) {
  const context = await playwright.request.newContext({ baseURL });
  await apiSignIn(context, user);
  return context;
}

async function events(request: APIRequestContext, annotationId: string): Promise<{ type: string; version: number; actor: { id: string } }[]> {
  const response = await request.get(`/api/v1/annotations/${annotationId}/events`);
  expect(response.status()).toBe(200);
  return (await response.json()).events;
}

test("50 concurrent PATCHes of one version: exactly one wins, 49 get 409 with the winner, one event more", async ({ request, playwright, baseURL }) => {
  const workspace = await createWorkspace();
  await apiSignIn(request, workspace.users.REVIEWER);
  const editor = await signedIn(playwright, baseURL, workspace.users.EDITOR);
  const doc = await (await editor.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Concurrency", text: TEXT } })).json();
  const created = await request.post(`/api/v1/documents/${doc.id}/annotations`, { data: { start: 18, end: 21, exact: "613", note: "before" } });
  expect(created.status()).toBe(201);
  const a = await created.json();
  expect(a.version).toBe(1);
  expect(await events(request, a.id)).toHaveLength(1);

  // Half from the reviewer, half from the editor: two sessions, one version.
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) => (i % 2 ? editor : request).patch(`/api/v1/annotations/${a.id}`, { data: { version: 1, note: `note ${i}` } })),
  );
  const statuses = responses.map((r) => r.status());
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);

  const winner = await responses[statuses.indexOf(200)].json();
  expect(winner).toMatchObject({ version: 2, note: expect.stringMatching(/^note \d+$/) });
  for (const response of responses.filter((r) => r.status() === 409)) {
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "CONFLICT", current: { id: a.id, version: 2, note: winner.note } });
  }

  const after = await events(request, a.id);
  expect(after.map((e) => [e.type, e.version])).toEqual([
    ["CREATED", 1],
    ["UPDATED", 2],
  ]);
  expect(await (await request.get(`/api/v1/annotations/${a.id}`)).json()).toMatchObject({ version: 2, note: winner.note });
});

test("10 concurrent sign-offs of one verdict by two editors: exactly one confirms, the rest get 409", async ({ request, playwright, baseURL }) => {
  const workspace = await createWorkspace();
  await apiSignIn(request, workspace.users.REVIEWER);
  const editor = await signedIn(playwright, baseURL, workspace.users.EDITOR);
  const owner = await signedIn(playwright, baseURL, workspace.users.OWNER);
  const doc = await (await editor.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Sign-off race", text: TEXT } })).json();
  const a = await (await request.post(`/api/v1/documents/${doc.id}/annotations`, { data: { start: 18, end: 21 } })).json();
  expect((await request.post(`/api/v1/annotations/${a.id}/evidence`, { data: { stance: "SUPPORTS", passage: "613 civilians" } })).status()).toBe(201);
  const verdict = await request.patch(`/api/v1/annotations/${a.id}`, { data: { version: 2, status: "VERIFIED" } });
  expect(await verdict.json()).toMatchObject({ version: 3, status: "VERIFIED", signOff: "AWAITING", verdictBy: { id: workspace.users.REVIEWER.id } });

  const responses = await Promise.all(
    Array.from({ length: 10 }, (_, i) => (i % 2 ? owner : editor).post(`/api/v1/annotations/${a.id}/sign-off`, { data: { version: 3, decision: "CONFIRM" } })),
  );
  const statuses = responses.map((r) => r.status());
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  const confirmed = await responses[statuses.indexOf(200)].json();
  expect(confirmed).toMatchObject({ version: 4, signOff: "CONFIRMED", signedOffBy: { id: expect.any(String) } });
  for (const response of responses.filter((r) => r.status() === 409)) {
    expect((await response.json()).error).toMatchObject({ code: "CONFLICT", current: { version: 4, signOff: "CONFIRMED", signedOffBy: { id: confirmed.signedOffBy.id } } });
  }
  const history = await events(request, a.id);
  expect(history.filter((e) => e.type === "SIGNED_OFF")).toHaveLength(1);
  expect(history.map((e) => e.version)).toEqual([1, 2, 3, 4]);
});

/**
 * Changes an annotation the way another member's save would, but straight in the database and
 * without an event, so no live update reaches the open page: its copy stays stale, as it is when
 * the other save lands between a live update and this member's click.
 */
async function changeBehindTheirBack(annotationId: string, data: { note?: string; assigneeId?: string; updatedById: string }) {
  await prisma().annotation.update({ where: { id: annotationId }, data: { ...data, version: { increment: 1 } } });
}

test("a stale status change in the editor shows the conflict; Reload their version loads theirs, new fields included", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const annotation = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: "ASALA", note: "original note" });
  await openCampaign(page, workspace, "REVIEWER");
  await item(page, "ASALA").locator(":scope > .item-button").click();
  await expect(sidebar(page).getByLabel("Note")).toHaveValue("original note");

  await changeBehindTheirBack(annotation.id, { note: "their note", assigneeId: workspace.users.EDITOR.id, updatedById: workspace.users.EDITOR.id });
  await sidebar(page).getByLabel("Verification status").selectOption("IN_PROGRESS");
  await sidebar(page).getByRole("button", { name: "Save changes" }).click();

  const conflict = sidebar(page).getByRole("alert").filter({ hasText: "This annotation was changed by" });
  await expect(conflict).toContainText("This annotation was changed by editor (version 2). Nothing of yours was saved.");
  await expect(conflict).toContainText("“their note”");
  const stored = await prisma().annotation.findUniqueOrThrow({ where: { id: annotation.id } });
  expect(stored).toMatchObject({ version: 2, status: "UNVERIFIED", note: "their note" });

  await conflict.getByRole("button", { name: "Reload their version" }).click();
  await expect(conflict).toBeHidden();
  await expect(sidebar(page).getByLabel("Note")).toHaveValue("their note");
  await expect(sidebar(page).getByLabel("Verification status")).toHaveValue("UNVERIFIED");
  await expect(sidebar(page).getByLabel("Assigned to")).toHaveValue(workspace.users.EDITOR.id);

  // Their version is now the one edited: the status change goes through against it.
  await sidebar(page).getByLabel("Verification status").selectOption("IN_PROGRESS");
  await sidebar(page).getByRole("button", { name: "Save changes" }).click();
  await expect(item(page, "ASALA").locator(".item-meta .status-badge")).toContainText("In progress");
  expect(await prisma().annotation.findUniqueOrThrow({ where: { id: annotation.id } })).toMatchObject({ version: 3, status: "IN_PROGRESS", note: "their note" });
});

test("a stale assignment in the work panel is refused with Reload their version, and overwrites nothing", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents[0];
  const annotation = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: "ASALA" });
  await openCampaign(page, workspace, "REVIEWER");
  await item(page, "ASALA").locator(":scope > .item-button").click();
  const panel = sidebar(page).getByRole("region", { name: "Assignment" });
  await expect(panel.getByLabel("Assigned to")).toHaveValue("");

  await changeBehindTheirBack(annotation.id, { assigneeId: workspace.users.EDITOR.id, updatedById: workspace.users.OWNER.id });
  await panel.getByLabel("Assigned to").selectOption({ label: "reviewer" });

  const refused = panel.getByRole("alert");
  await expect(refused).toContainText("This annotation was changed by owner");
  expect(await prisma().annotation.findUniqueOrThrow({ where: { id: annotation.id } })).toMatchObject({ version: 2, assigneeId: workspace.users.EDITOR.id });

  await refused.getByRole("button", { name: "Reload their version" }).click();
  await expect(panel.getByLabel("Assigned to")).toHaveValue(workspace.users.EDITOR.id);
  await expect(item(page, "ASALA").locator(".item-meta")).toContainText("Assigned to editor");
  await expect(refused).toBeHidden();

  // Against their version, the assignment goes through.
  await panel.getByLabel("Assigned to").selectOption({ label: "reviewer" });
  await expect(item(page, "ASALA").locator(".item-meta")).toContainText("Assigned to reviewer");
  expect(await prisma().annotation.findUniqueOrThrow({ where: { id: annotation.id } })).toMatchObject({ version: 3, assigneeId: workspace.users.REVIEWER.id });
});
