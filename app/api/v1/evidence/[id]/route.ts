import { apiRoute, json, readJson } from "@/lib/api/handler";
import { removeEvidence, updateEvidence } from "@/lib/evidence/mutations";
import { getEvidence } from "@/lib/evidence/queries";
import { ZUpdateEvidence } from "@/lib/evidence/schemas";

export const GET = apiRoute(async ({ user, params }) => json(await getEvidence({ userId: user.id, evidenceId: params.id })));

export const PATCH = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZUpdateEvidence);
  return json((await updateEvidence({ userId: user.id, evidenceId: params.id, input })).evidence);
});

export const DELETE = apiRoute(async ({ user, params }) => {
  await removeEvidence({ userId: user.id, evidenceId: params.id });
  return new Response(null, { status: 204 });
});
