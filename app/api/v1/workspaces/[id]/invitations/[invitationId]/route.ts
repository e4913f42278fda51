import { apiRoute } from "@/lib/api/handler";
import { revokeInvitation } from "@/lib/invitations/mutations";

export const DELETE = apiRoute(async ({ user, params }) => {
  await revokeInvitation({ userId: user.id, workspaceId: params.id, invitationId: params.invitationId });
  return new Response(null, { status: 204 });
});
