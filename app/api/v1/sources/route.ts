import { apiRoute, json, parseInput, readJson } from "@/lib/api/handler";
import { createSource } from "@/lib/sources/mutations";
import { listRegistry } from "@/lib/sources/registry";
import { ZRegistryQuery } from "@/lib/sources/registry-schemas";
import { ZCreateSource } from "@/lib/sources/schemas";

/** `?workspaceId=&q=&sort=&dir=`: the registry list, with citation counts per status. */
export const GET = apiRoute(async ({ req, user }) => {
  const query = parseInput(ZRegistryQuery, Object.fromEntries(new URL(req.url).searchParams));
  return json({ sources: await listRegistry({ userId: user.id, ...query }) });
});

export const POST = apiRoute(async ({ req, user }) => {
  const input = await readJson(req, ZCreateSource);
  return json(await createSource({ userId: user.id, input }), { status: 201 });
});
