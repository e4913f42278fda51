import { apiRoute, json } from "@/lib/api/handler";
import { listAnnotationEvents } from "@/lib/annotations/queries";

export const GET = apiRoute(async ({ user, params }) => json({ events: await listAnnotationEvents({ userId: user.id, annotationId: params.id }) }));
