import { apiRoute, json, readJson } from "@/lib/api/handler";
import { updateSource } from "@/lib/sources/mutations";
import { getSource } from "@/lib/sources/queries";
import { ZUpdateSource } from "@/lib/sources/schemas";

export const GET = apiRoute(async ({ user, params }) => json(await getSource({ userId: user.id, sourceId: params.id })));

export const PATCH = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZUpdateSource);
  return json(await updateSource({ userId: user.id, sourceId: params.id, input }));
});
