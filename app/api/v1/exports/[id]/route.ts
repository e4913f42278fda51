import { apiRoute, json } from "@/lib/api/handler";
import { getExportJob } from "@/lib/exports/jobs";

/** One's own export job: `{ state, done, total, fileName, error, … }`. */
export const GET = apiRoute(async ({ user, params }) => json(await getExportJob({ userId: user.id, jobId: params.id })));
