import { apiRoute, json, readJson } from "@/lib/api/handler";
import { createWorkspace } from "@/lib/workspaces/mutations";
import { listWorkspaces } from "@/lib/workspaces/queries";
import { ZCreateWorkspace } from "@/lib/workspaces/schemas";

export const GET = apiRoute(async ({ user }) => json({ workspaces: await listWorkspaces({ userId: user.id }) }));

export const POST = apiRoute(async ({ req, user }) => {
  const input = await readJson(req, ZCreateWorkspace);
  const workspace = await createWorkspace({ userId: user.id, name: input.name });
  return json({ ...workspace, role: "OWNER" }, { status: 201 });
});
