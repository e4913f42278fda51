import { apiRoute, json } from "@/lib/api/handler";
import { getWorkspace } from "@/lib/workspaces/queries";

export const GET = apiRoute(async ({ user, params }) => {
  const workspace = await getWorkspace({ userId: user.id, workspaceId: params.id });
  return json({ members: workspace.members });
});
