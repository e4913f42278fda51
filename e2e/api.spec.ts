import { expect, test } from "@playwright/test";
import { apiSignIn, createWorkspace } from "./fixtures/factories";

test("workspaces and documents API: create, list, and clear errors for bad input", async ({ request }) => {
  const { users } = await createWorkspace();
  await apiSignIn(request, users.EDITOR);

  const ws = await request.post("/api/v1/workspaces", { data: { name: "  Verification desk  " } });
  expect(ws.status()).toBe(201);
  const workspace = await ws.json();
  expect(workspace).toMatchObject({ name: "Verification desk", role: "OWNER" });
  const listed = await (await request.get("/api/v1/workspaces")).json();
  expect(listed.workspaces).toEqual(expect.arrayContaining([expect.objectContaining({ id: workspace.id, role: "OWNER", memberCount: 1 })]));

  const created = await request.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Appeal", text: "Line one\r\nLine two 𠀀" } });
  expect(created.status()).toBe(201);
  const doc = await created.json();
  expect(doc).toMatchObject({ title: "Appeal", text: "Line one\nLine two 𠀀", length: 19, revision: 1, annotationCount: 0 });

  const badJson = await request.post("/api/v1/documents", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(badJson.status()).toBe(400);
  expect((await badJson.json()).error.code).toBe("BAD_REQUEST");

  const missing = await request.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "" } });
  expect(missing.status()).toBe(422);
  expect((await missing.json()).error.fields).toMatchObject({ title: "Give the document a title", text: "Paste the text or upload a file" });

  const empty = await request.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Blank", text: " \n " } });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.fields).toEqual({ text: "The text is empty" });

  const big = await request.post("/api/v1/documents", { data: { workspaceId: workspace.id, title: "Big", text: "a".repeat(5 * 1024 * 1024 + 1) } });
  expect(big.status()).toBe(413);
  expect((await big.json()).error.code).toBe("PAYLOAD_TOO_LARGE");

  const unknownWorkspace = await request.post("/api/v1/documents", { data: { workspaceId: "nope", title: "T", text: "x" } });
  expect(unknownWorkspace.status()).toBe(404);

  const noName = await request.post("/api/v1/workspaces", { data: { name: 42 } });
  expect(noName.status()).toBe(422);
  expect((await noName.json()).error.fields.name).toBeTruthy();

  expect((await request.get("/api/v1/documents/does-not-exist")).status()).toBe(404);
});
