import type { Metadata } from "next";
import Link from "next/link";
import { CitingDocuments } from "@/components/sources/citing-documents";
import { MergeNotices } from "@/components/sources/merge-notices";
import { MergeSourceForm } from "@/components/sources/merge-source-form";
import { SecondHandCitations } from "@/components/sources/second-hand-citations";
import { SourceFields } from "@/components/sources/source-fields";
import { hasRole } from "@/lib/roles";
import { CITATION_STYLES, CITATION_STYLE_LABELS, formatCitation } from "@/lib/sources/citation";
import { listSourceCitations } from "@/lib/sources/citing";
import { listMergesInto } from "@/lib/sources/merge";
import { listSources } from "@/lib/sources/queries";
import { sourceLabel } from "@/lib/sources/label";
import { loadSourcePage } from "./load";

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { source } = await loadSourcePage((await params).id);
  return { title: source.title };
}

export default async function SourcePage({ params }: TProps) {
  const { user, source, role } = await loadSourcePage((await params).id);
  const canEdit = hasRole(role, "EDITOR");
  const [citations, merges, others] = await Promise.all([
    listSourceCitations({ userId: user.id, workspaceId: source.workspaceId, sourceId: source.id }),
    listMergesInto({ userId: user.id, sourceId: source.id }),
    canEdit ? listSources({ userId: user.id, workspaceId: source.workspaceId }) : Promise.resolve([]),
  ]);
  const formatted = await Promise.all(CITATION_STYLES.map(async (style) => ({ style, text: await formatCitation(source, style) })));
  const annotationCount = citations.documents.reduce((sum, d) => sum + d.annotations.length, 0);

  return (
    <main className="page source-page">
      <p>
        <Link href={`/sources?workspace=${encodeURIComponent(source.workspaceId)}`}>← Sources</Link>
      </p>
      <MergeNotices merges={merges} canUndo={hasRole(role, "OWNER")} />
      <div className="page-title">
        <h1>{source.title}</h1>
        <p className="muted">Shown everywhere as: {sourceLabel(source)}</p>
        {canEdit && (
          <div className="toolbar">
            <Link href={`/sources/${source.id}/edit`} className="button">
              Edit
            </Link>
          </div>
        )}
      </div>
      {canEdit && (
        <MergeSourceForm
          sourceId={source.id}
          label={sourceLabel(source)}
          annotationCount={annotationCount}
          options={others.filter((s) => s.id !== source.id).map((s) => ({ id: s.id, label: sourceLabel(s) }))}
        />
      )}
      <section aria-labelledby="citation">
        <h2 id="citation">Citation</h2>
        <dl className="citations">
          {formatted.map(({ style, text }) => (
            <div key={style}>
              <dt>{CITATION_STYLE_LABELS[style]}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="fields">
        <h2 id="fields">Details</h2>
        <SourceFields source={source} />
      </section>
      <CitingDocuments documents={citations.documents} statusCounts={citations.statusCounts} />
      <SecondHandCitations citations={citations.secondHand} sourceId={source.id} />
    </main>
  );
}
