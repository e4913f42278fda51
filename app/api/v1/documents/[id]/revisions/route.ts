import { apiRoute, json, readJson } from "@/lib/api/handler";
import { createRevision } from "@/lib/revisions/mutations";
import { listRevisions } from "@/lib/revisions/queries";
import { ZCreateRevision } from "@/lib/revisions/schemas";

/** The document's revisions, newest first. */
export const GET = apiRoute(async ({ user, params }) => json({ revisions: await listRevisions({ userId: user.id, documentId: params.id }) }));

/**
 * POST `{ baseRevision, text, reason }`: a new revision of the text (EDITOR or OWNER), with every
 * annotation carried over; 409 with the latest revision when `baseRevision` is no longer it.
 */
export const POST = apiRoute(async ({ req, user, params }) => {
  const input = await readJson(req, ZCreateRevision);
  return json(await createRevision({ userId: user.id, documentId: params.id, input }), { status: 201 });
});
