import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Annotator, type TReadingData } from "@/components/annotator/annotator";
import { DocumentActions } from "@/components/documents/document-actions";
import { DocumentProvenance } from "@/components/documents/document-provenance";
import { Presence } from "@/components/live/presence";
import { requireMember } from "@/lib/access";
import { readingAnnotations } from "@/lib/annotations/reading";
import { markAnnotationMentionsRead } from "@/lib/comments/mutations";
import { presentProvenance } from "@/lib/documents/present";
import { getDocument, getReadingPreference } from "@/lib/documents/queries";
import { AppError } from "@/lib/errors";
import { formatDateTime, formatLength } from "@/lib/format";
import { latestEventId } from "@/lib/live/queries";
import { hasRole } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";
import { listSources } from "@/lib/sources/queries";
import { listMemberOptions } from "@/lib/workspaces/queries";

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ annotation?: string | string[] }> };

/**
 * Once per request: the metadata and the page share it (the text alone is 195 KB for the largest corpus
 * document). The live cursor is read alongside the document (each checks access itself), and so before
 * the annotations: the live stream replays whatever lands in between.
 */
const load = cache(async (id: string) => {
  const user = await requirePageUser();
  try {
    const [document, liveCursor, preference] = await Promise.all([
      getDocument({ userId: user.id, documentId: id }),
      latestEventId({ userId: user.id, documentId: id }),
      getReadingPreference({ userId: user.id, documentId: id }),
    ]);
    // listMemberOptions checks membership too: both at once, one round trip fewer before the first byte.
    const [member, members] = await Promise.all([
      requireMember({ userId: user.id, workspaceId: document.workspaceId }),
      listMemberOptions({ userId: user.id, workspaceId: document.workspaceId }),
    ]);
    return { user, document, role: member.role, liveCursor, members, reflow: preference.reflow };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { document } = await load((await params).id);
  return { title: document.title };
}

/**
 * What the annotator needs beyond the text: the annotations (packed) and the workspace's sources, and
 * the annotation a link asked for (?annotation=<id>, from the inbox), whose mentions of this member
 * are then read. Not awaited by the page: see DocumentPage.
 */
async function readingData(options: { userId: string; document: Parameters<typeof readingAnnotations>[0]["document"]; wanted: string | string[] | undefined }): Promise<TReadingData> {
  const { userId, document, wanted } = options;
  const [annotations, sources] = await Promise.all([readingAnnotations({ userId, document }), listSources({ userId, workspaceId: document.workspaceId })]);
  const selectedId = typeof wanted === "string" && annotations.rows.some((row) => row[0] === wanted) ? wanted : undefined;
  if (selectedId) await markAnnotationMentionsRead({ userId, annotationId: selectedId });
  return { annotations, sources, selectedId };
}

export default async function DocumentPage({ params, searchParams }: TProps) {
  const { user, document, role, liveCursor, members, reflow } = await load((await params).id);
  // Started, not awaited: the page (the text above all) streams to the browser at once and is laid
  // out, and its script loaded, while the database reads the annotations; they follow in the same
  // response and the annotator takes them as a promise (components/annotator/annotator.tsx).
  const data = readingData({ userId: user.id, document, wanted: (await searchParams).annotation });
  const viewer = members.find((m) => m.id === user.id) ?? { id: user.id, name: user.name, email: user.email, role };
  return (
    <main className="page reading">
      <header className="document-header">
        <p className="muted">{document.workspaceName}</p>
        <h1>{document.title}</h1>
        <dl className="meta">
          <div>
            <dt>Size</dt>
            <dd>{formatLength(document.length)}</dd>
          </div>
          <div>
            <dt>Revision</dt>
            <dd>{document.revision}</dd>
          </div>
          <div>
            <dt>Last change</dt>
            <dd>{formatDateTime(document.updatedAt)}</dd>
          </div>
          <div>
            <dt>SHA-256</dt>
            <dd>
              <code title={document.sha256}>{document.sha256.slice(0, 12)}…</code>
            </dd>
          </div>
        </dl>
        <DocumentProvenance documentId={document.id} provenance={presentProvenance(document)} canEdit={hasRole(role, "EDITOR")} />
        <a href={`/documents/${document.id}/activity`} className="button">Activity</a>
        <a href={`/documents/${document.id}/revisions`} className="button">Revisions</a>
        {hasRole(role, "EDITOR") && <a href={`/documents/${document.id}/edit`} className="button">Edit text</a>}
        {hasRole(role, "REVIEWER") && <a href={`/documents/${document.id}/import`} className="button">Import annotations</a>}
        <a href={`/documents/${document.id}/report`} className="button">Report</a>
        <Presence documentId={document.id} viewerId={user.id} />
        {hasRole(role, "EDITOR") && <DocumentActions documentId={document.id} title={document.title} />}
      </header>
      <Annotator
        // A new revision is a new text: the view starts afresh with it (annotator.tsx).
        key={document.revision}
        revision={document.revision}
        documentId={document.id}
        title={document.title}
        text={document.text}
        pageStarts={document.pageStarts}
        reflow={reflow}
        initialData={data}
        viewer={viewer}
        members={members}
        liveCursor={liveCursor}
      />
    </main>
  );
}
