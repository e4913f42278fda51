import { apiRoute, json, parseInput } from "@/lib/api/handler";
import { fileResponse, requestOrigin } from "@/lib/exports/http";
import { exportWorkspaceNowOrLater } from "@/lib/exports/jobs";
import { ZReportQuery } from "@/lib/reports/schemas";

/**
 * ?format=…[&documents=id,id&statuses=…&text=0|1&comments=0|1]: the workspace's report as a file,
 * built while the request waits; beyond SYNC_EXPORT_MAX_DOCUMENTS documents, 202 with the export
 * job to poll (Location), as POST …/exports answers.
 */
export const GET = apiRoute(async ({ req, user, params }) => {
  const query = parseInput(ZReportQuery, Object.fromEntries(new URL(req.url).searchParams));
  const result = await exportWorkspaceNowOrLater({ userId: user.id, workspaceId: params.id, origin: requestOrigin(req), query });
  if ("job" in result) return json({ job: result.job }, { status: 202, headers: { Location: `/api/v1/exports/${encodeURIComponent(result.job.id)}` } });
  return fileResponse(result.file);
});
