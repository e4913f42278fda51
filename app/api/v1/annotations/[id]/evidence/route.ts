import { apiRoute, json, readJson } from "@/lib/api/handler";
import { addEvidence } from "@/lib/evidence/mutations";
import { listEvidence } from "@/lib/evidence/queries";
import { ZCreateEvidence } from "@/lib/evidence/schemas";

export const GET = apiRoute(async ({ user, params }) => json({ evidence: await listEvidence({ userId: user.id, annotationId: params.id }) }));

export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZCreateEvidence);
  const { evidence } = await addEvidence({ userId: user.id, annotationId: params.id, input });
  return json(evidence, { status: 201 });
});
