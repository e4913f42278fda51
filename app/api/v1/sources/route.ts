import { apiRoute, json, readJson } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { createSource } from "@/lib/sources/mutations";
import { listSources } from "@/lib/sources/queries";
import { ZCreateSource } from "@/lib/sources/schemas";

export const GET = apiRoute(async ({ req, user }) => {
  const workspaceId = new URL(req.url).searchParams.get("workspaceId");
  if (!workspaceId) throw new AppError("VALIDATION", "Some fields are invalid", { workspaceId: "Choose a workspace" });
  return json({ sources: await listSources({ userId: user.id, workspaceId }) });
});

export const POST = apiRoute(async ({ req, user }) => {
  const input = await readJson(req, ZCreateSource);
  return json(await createSource({ userId: user.id, input }), { status: 201 });
});
