import { apiRoute, json, readJson } from "@/lib/api/handler";
import { addMember } from "@/lib/workspaces/mutations";
import { getWorkspace } from "@/lib/workspaces/queries";
import { ZAddMember } from "@/lib/workspaces/schemas";

export const GET = apiRoute(async ({ user, params }) => {
  const workspace = await getWorkspace({ userId: user.id, workspaceId: params.id });
  return json({ members: workspace.members });
});

export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZAddMember);
  return json(await addMember({ userId: user.id, workspaceId: params.id, input }), { status: 201 });
});
