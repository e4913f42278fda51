/**
 * The records the security specs act on: workspace A with a member of each role and one record of
 * every kind, workspace B whose OWNER is the outsider, and makers of fresh records for calls that
 * change or destroy what they touch. Every text in A carries `marker`, so an answer to someone
 * outside A that contains it is a leak, whatever its status.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { codePointLength, sha256Hex } from "../../../lib/documents/text";
import { createAnnotation, createEvidence, createSource } from "../../fixtures/annotator";
import { createInvitation, createUser, createWorkspace, prisma, type TUser, type TWorkspace } from "../../fixtures/factories";

export const NEEDLE = "Newsweek";

export type TWorld = {
  marker: string;
  a: TWorkspace;
  b: TWorkspace;
  documentId: string;
  text: string;
  sourceId: string;
  fresh: ReturnType<typeof freshMakers>;
};

function documentText(marker: string): string {
  return `The campaign page (${marker}) cites ${NEEDLE}, 16 March 1992, for the figure.\nA second line quotes the Memorial report.\n`;
}

export async function createDocument(options: { workspaceId: string; userId: string; title: string; text: string; deleted?: boolean }): Promise<string> {
  const { text } = options;
  const row = await prisma().document.create({
    data: {
      workspaceId: options.workspaceId,
      title: options.title,
      text,
      sha256: sha256Hex(text),
      length: codePointLength(text),
      createdById: options.userId,
      deletedAt: options.deleted ? new Date() : null,
    },
    select: { id: true },
  });
  return row.id;
}

/** Fresh records of workspace A, one per call that changes or removes one. */
function freshMakers(world: { marker: string; a: TWorkspace; documentId: string; text: string }) {
  const { marker, a, documentId, text } = world;
  const reviewer = a.users.REVIEWER.id;
  const annotation = async () => (await createAnnotation({ documentId, userId: reviewer, needle: NEEDLE, note: `note ${marker}` })).id;
  return {
    annotation,
    /** Deleted by the workspace's OWNER: only an editor or owner (or that owner) may restore it. */
    async deletedAnnotation() {
      const id = await annotation();
      const row = await prisma().annotation.update({ where: { id }, data: { deletedAt: new Date(), version: 2 }, select: { workspaceId: true, documentId: true } });
      await prisma().annotationEvent.create({ data: { annotationId: id, workspaceId: row.workspaceId, documentId: row.documentId, type: "DELETED", actorId: a.users.OWNER.id, version: 2, after: {} } });
      return id;
    },
    /** A verdict the REVIEWER gave, awaiting an editor's sign-off. */
    async awaitingVerdict() {
      const id = await annotation();
      await prisma().annotation.update({ where: { id }, data: { status: "VERIFIED", signOff: "AWAITING", verdictById: reviewer, verdictAt: new Date() } });
      return id;
    },
    /** An annotation a revision of the text flagged "needs re-check". */
    async flaggedForRecheck() {
      const id = await annotation();
      await prisma().annotation.update({ where: { id }, data: { needsRecheck: true, anchorSimilarity: 0.9 } });
      return id;
    },
    async evidence() {
      return (await createEvidence({ annotationId: await annotation(), userId: reviewer, passage: `passage ${marker}` })).id;
    },
    /** A comment the REVIEWER wrote. */
    async comment() {
      const annotationId = await annotation();
      const row = await prisma().comment.create({ data: { workspaceId: a.id, annotationId, authorId: reviewer, html: `<p>${marker}</p>`, text: marker }, select: { id: true } });
      return row.id;
    },
    async source() {
      return (await createSource({ workspaceId: a.id, userId: a.users.EDITOR.id, title: `Source ${marker} ${randomUUID().slice(0, 6)}` })).id;
    },
    /** A recorded merge of one fresh source into another, for an OWNER to undo. */
    async merge() {
      const keptId = await this.source();
      const mergedId = await this.source();
      await prisma().source.update({ where: { id: mergedId }, data: { mergedIntoId: keptId } });
      const row = await prisma().sourceMerge.create({
        data: { workspaceId: a.id, keptId, mergedId, movedAnnotationIds: [], movedEvidenceIds: [], movedChainHopIds: [], addedAliases: [], actorId: a.users.EDITOR.id },
        select: { id: true },
      });
      return row.id;
    },
    /** An export job of the EDITOR's: nobody else's to read, download or cancel. */
    async exportJob(state: "RUNNING" | "DONE") {
      const row = await prisma().exportJob.create({
        data: {
          workspaceId: a.id,
          userId: a.users.EDITOR.id,
          format: "csv",
          options: {},
          state,
          total: 1,
          done: state === "DONE" ? 1 : 0,
          fileName: state === "DONE" ? "export.csv" : "",
          contentType: state === "DONE" ? "text/csv" : "",
          result: state === "DONE" ? Buffer.from(`quote\n${marker}\n`) : null,
        },
        select: { id: true },
      });
      return row.id;
    },
    /** A live API token of the EDITOR's. */
    async token() {
      const row = await prisma().apiToken.create({
        data: { userId: a.users.EDITOR.id, name: `token ${marker}`, scope: "READ", hash: randomBytes(32).toString("hex"), prefix: `pv_${randomBytes(3).toString("hex")}` },
        select: { id: true },
      });
      return row.id;
    },
    /** A pending invitation to A of an e-mail without an account; the link's secret with it. */
    async invitation(email?: string): Promise<{ id: string; token: string }> {
      return createInvitation({ workspaceId: a.id, email, by: a.users.OWNER.id });
    },
    /** A pending invitation of `email` to a workspace of its own, to accept without joining A. */
    async invitationElsewhere(email: string): Promise<{ id: string; token: string }> {
      const elsewhere = await prisma().workspace.create({ data: { name: "Elsewhere" }, select: { id: true } });
      return createInvitation({ workspaceId: elsewhere.id, email, by: a.users.OWNER.id });
    },
    /** A new user who is not a member anywhere (to be added). */
    async stranger(): Promise<TUser> {
      return createUser("stranger");
    },
    /** A new VIEWER of A (to change or remove). */
    async member(): Promise<string> {
      const user = await createUser("member");
      await prisma().membership.create({ data: { workspaceId: a.id, userId: user.id, role: "VIEWER" } });
      return user.id;
    },
    async document(options: { deleted?: boolean } = {}) {
      return createDocument({ workspaceId: a.id, userId: a.users.OWNER.id, title: `Doc ${marker}`, text, deleted: options.deleted });
    },
    async workspaceVersion() {
      return (await prisma().workspace.findUniqueOrThrow({ where: { id: a.id }, select: { version: true } })).version;
    },
  };
}

export async function createWorld(): Promise<TWorld> {
  const marker = `SECRET-A-${randomUUID().slice(0, 8)}`;
  const a = await createWorkspace({ name: `Desk ${marker}` });
  const b = await createWorkspace();
  const text = documentText(marker);
  const documentId = await createDocument({ workspaceId: a.id, userId: a.users.OWNER.id, title: `Doc ${marker}`, text });
  // Taken from a file, so that its original can be downloaded (GET /api/v1/documents/:id/original).
  const bytes = new Uint8Array(Buffer.from(text, "utf8"));
  const original = await prisma().documentFile.create({
    data: { workspaceId: a.id, bytes, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength, mediaType: "text/plain", fileName: "doc.txt", createdById: a.users.OWNER.id },
    select: { id: true },
  });
  await prisma().document.update({ where: { id: documentId }, data: { originalId: original.id, format: "TXT" } });
  const sourceId = (await createSource({ workspaceId: a.id, userId: a.users.EDITOR.id, title: `Source ${marker}` })).id;
  return { marker, a, b, documentId, text, sourceId, fresh: freshMakers({ marker, a, documentId, text }) };
}
