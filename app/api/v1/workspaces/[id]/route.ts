import { apiRoute, json, readJson } from "@/lib/api/handler";
import { updateWorkspaceSettings } from "@/lib/workspaces/mutations";
import { getWorkspace } from "@/lib/workspaces/queries";
import { ZWorkspaceSettings } from "@/lib/workspaces/schemas";

export const GET = apiRoute(async ({ user, params }) => json(await getWorkspace({ userId: user.id, workspaceId: params.id })));

/** Settings (OWNER): `{ version, requireSignOff }`; 409 with `current` when another change landed first. */
export const PATCH = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZWorkspaceSettings);
  return json(await updateWorkspaceSettings({ userId: user.id, workspaceId: params.id, input }));
});
