import { apiRoute, json, parseInput, readJson } from "@/lib/api/handler";
import { createAnnotation } from "@/lib/annotations/mutations";
import { listAnnotations } from "@/lib/annotations/queries";
import { ZAnnotationFilters, ZCreateAnnotation } from "@/lib/annotations/schemas";

export const GET = apiRoute(async ({ req, user, params }) => {
  const search = new URL(req.url).searchParams;
  // An empty parameter (?status=) means no filter, as a plain HTML form sends it.
  const filters = parseInput(ZAnnotationFilters, { status: search.get("status") || undefined, sourceId: search.get("sourceId") || undefined });
  return json({ annotations: await listAnnotations({ userId: user.id, documentId: params.id, ...filters }) });
});

export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZCreateAnnotation);
  return json(await createAnnotation({ userId: user.id, documentId: params.id, input }), { status: 201 });
});
