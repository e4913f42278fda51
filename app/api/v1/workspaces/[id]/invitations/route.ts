import { apiRoute, json, readJson } from "@/lib/api/handler";
import { createInvitation } from "@/lib/invitations/mutations";
import { listPendingInvitations } from "@/lib/invitations/queries";
import { ZInvite } from "@/lib/invitations/schemas";

export const GET = apiRoute(async ({ user, params }) => json({ invitations: await listPendingInvitations({ userId: user.id, workspaceId: params.id }) }));

export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZInvite);
  return json(await createInvitation({ userId: user.id, workspaceId: params.id, input }), { status: 201 });
});
