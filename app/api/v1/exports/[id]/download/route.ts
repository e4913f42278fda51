import { apiRoute } from "@/lib/api/handler";
import { fileResponse } from "@/lib/exports/http";
import { downloadExportJob } from "@/lib/exports/jobs";

/** The finished export's file; 409 while it runs or when it was cancelled or failed. */
export const GET = apiRoute(async ({ user, params }) => fileResponse(await downloadExportJob({ userId: user.id, jobId: params.id })));
