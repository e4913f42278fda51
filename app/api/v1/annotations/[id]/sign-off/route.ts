import { apiRoute, json, readJson } from "@/lib/api/handler";
import { ZSignOff } from "@/lib/annotations/schemas";
import { signOffAnnotation } from "@/lib/annotations/sign-off";

/** Confirm, return or resubmit a verdict under the two-person rule; body `{ version, decision, reason? }`. */
export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZSignOff);
  return json(await signOffAnnotation({ userId: user.id, annotationId: params.id, input }));
});
