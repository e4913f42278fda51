import { admission } from "@/lib/api/admission";
import { apiRoute, json, jsonBody, parseInput, readJson } from "@/lib/api/handler";
import { createAnnotation } from "@/lib/annotations/mutations";
import { listAnnotationsJson } from "@/lib/annotations/list-cache";
import { ZAnnotationFilters, ZCreateAnnotation } from "@/lib/annotations/schemas";

/**
 * A document's whole list is this process's heaviest read (2,000 annotations: about 2 MB built,
 * serialized and sent by its one thread). A few at a time keep the database and the thread busy;
 * under a burst the rest wait up to two seconds for a turn, then get 503 with Retry-After.
 */
const admitList = admission({ limit: 4, waitMs: 2_000 });

export const GET = apiRoute(async ({ req, user, params }) => {
  const search = new URL(req.url).searchParams;
  // An empty parameter (?status=) means no filter, as a plain HTML form sends it.
  const filters = parseInput(ZAnnotationFilters, {
    status: search.get("status") || undefined,
    sourceId: search.get("sourceId") || undefined,
    needsRecheck: search.get("needsRecheck") || undefined,
  });
  return admitList(async () => jsonBody(await listAnnotationsJson({ userId: user.id, documentId: params.id, ...filters })));
});

export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZCreateAnnotation);
  return json(await createAnnotation({ userId: user.id, documentId: params.id, input }), { status: 201 });
});
