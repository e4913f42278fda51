import { apiRoute, json, readJson } from "@/lib/api/handler";
import { deleteAnnotation, updateAnnotation } from "@/lib/annotations/mutations";
import { getAnnotation } from "@/lib/annotations/queries";
import { ZUpdateAnnotation } from "@/lib/annotations/schemas";

export const GET = apiRoute(async ({ user, params }) => json(await getAnnotation({ userId: user.id, annotationId: params.id })));

export const PATCH = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZUpdateAnnotation);
  return json(await updateAnnotation({ userId: user.id, annotationId: params.id, input }));
});

export const DELETE = apiRoute(async ({ user, params }) => {
  await deleteAnnotation({ userId: user.id, annotationId: params.id });
  return new Response(null, { status: 204 });
});
