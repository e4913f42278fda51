import { apiRoute, json, readJson } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/exports/http";
import { createExportJob } from "@/lib/exports/jobs";
import { ZStartExport } from "@/lib/exports/schemas";

/** `{ format, documents?, statuses?, text?, comments? }`: starts a background export; 202 with the job to poll. */
export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZStartExport);
  // Queued: any instance runs it; the job row reports on it.
  const job = await createExportJob({ userId: user.id, workspaceId: params.id, input, origin: requestOrigin(req) });
  return json({ job }, { status: 202 });
});
