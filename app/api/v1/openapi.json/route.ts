import { openApiDocument } from "@/lib/api/openapi";

/**
 * The API description, public: it holds no data, and a client can read how to authenticate before
 * it has a token. The proxy lets it through without a session.
 */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
