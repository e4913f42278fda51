import { apiRoute } from "@/lib/api/handler";
import { getDocumentOriginal } from "@/lib/documents/queries";
import { originalFileResponse } from "@/lib/documents/original";

/** GET: the file the document was taken from, byte-exact, for any member. */
export const GET = apiRoute(async ({ user, params }) => originalFileResponse(await getDocumentOriginal({ userId: user.id, documentId: params.id })));
