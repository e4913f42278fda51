import { apiRoute, parseInput } from "@/lib/api/handler";
import { exportWorkspaceFile } from "@/lib/exports/download";
import { fileResponse, requestOrigin } from "@/lib/exports/http";
import { ZReportQuery } from "@/lib/reports/schemas";

/** ?format=…[&documents=id,id&statuses=…&text=0|1&comments=0|1]: the workspace's report as a file, built while the request waits. */
export const GET = apiRoute(async ({ req, user, params }) => {
  const query = parseInput(ZReportQuery, Object.fromEntries(new URL(req.url).searchParams));
  return fileResponse(await exportWorkspaceFile({ userId: user.id, workspaceId: params.id, origin: requestOrigin(req), query }));
});
