import { apiRoute, json } from "@/lib/api/handler";
import { cancelExportJob } from "@/lib/exports/jobs";

/** Stops a running export; 409 with the job when it has already finished. */
export const POST = apiRoute(async ({ user, params }) => json(await cancelExportJob({ userId: user.id, jobId: params.id })));
