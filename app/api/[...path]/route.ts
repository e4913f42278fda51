import { apiRoute } from "@/lib/api/handler";
import { notFound } from "@/lib/errors";

/**
 * Any /api URL no route handles: JSON like every other API answer, 401 without a caller (as every
 * real endpoint answers a visitor, so probing paths tells a visitor nothing), else 404.
 */
const refuse = apiRoute(async () => {
  throw notFound("No such API endpoint");
});
const noSuchEndpoint = (req: Request) => refuse(req, { params: Promise.resolve({}) });

export { noSuchEndpoint as GET, noSuchEndpoint as POST, noSuchEndpoint as PUT, noSuchEndpoint as PATCH, noSuchEndpoint as DELETE };
