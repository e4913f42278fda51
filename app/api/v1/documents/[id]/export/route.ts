import { apiRoute, parseInput } from "@/lib/api/handler";
import { exportDocumentFile } from "@/lib/exports/download";
import { fileResponse, requestOrigin } from "@/lib/exports/http";
import { ZReportQuery } from "@/lib/reports/schemas";

/** ?format=pdf|html|md|csv|json|w3c|claimreview|csl|bibtex[&statuses=…&text=0|1&comments=0|1]: the document's report as a file. */
export const GET = apiRoute(async ({ req, user, params }) => {
  const query = parseInput(ZReportQuery, Object.fromEntries(new URL(req.url).searchParams));
  return fileResponse(await exportDocumentFile({ userId: user.id, documentId: params.id, origin: requestOrigin(req), query }));
});
