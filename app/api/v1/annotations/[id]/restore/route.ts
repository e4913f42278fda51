import { apiRoute, json } from "@/lib/api/handler";
import { restoreAnnotation } from "@/lib/annotations/mutations";

export const POST = apiRoute(async ({ user, params }) => json(await restoreAnnotation({ userId: user.id, annotationId: params.id })));
