import { apiRoute, json, readJson } from "@/lib/api/handler";
import { changeRole, removeMember } from "@/lib/workspaces/mutations";
import { ZChangeRole } from "@/lib/workspaces/schemas";

export const PATCH = apiRoute(async ({ req, user, params }) => {
  const { role } = await readJson(req, ZChangeRole);
  await changeRole({ userId: user.id, workspaceId: params.id, memberId: params.userId, role });
  return json({ userId: params.userId, role });
});

export const DELETE = apiRoute(async ({ user, params }) => {
  await removeMember({ userId: user.id, workspaceId: params.id, memberId: params.userId });
  return new Response(null, { status: 204 });
});
