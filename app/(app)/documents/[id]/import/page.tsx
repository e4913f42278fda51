import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnnotationImportForm } from "@/components/imports/import-form";
import { requireMember } from "@/lib/access";
import { getDocument } from "@/lib/documents/queries";
import { AppError } from "@/lib/errors";
import { hasRole } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";

type TProps = { params: Promise<{ id: string }> };

async function load(documentId: string) {
  const user = await requirePageUser();
  try {
    const document = await getDocument({ userId: user.id, documentId });
    const member = await requireMember({ userId: user.id, workspaceId: document.workspaceId });
    return { document, role: member.role };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { document } = await load((await params).id);
  return { title: `Import annotations · ${document.title}` };
}

/** Annotations from a W3C Web Annotation or Hypothesis file, previewed, then imported; reviewers and up. */
export default async function ImportAnnotationsPage({ params }: TProps) {
  const { document, role } = await load((await params).id);
  return (
    <main className="page">
      <p>
        <Link href={`/documents/${document.id}`}>← {document.title}</Link>
      </p>
      <h1>Import annotations</h1>
      {hasRole(role, "REVIEWER") ? (
        <>
          <p className="hint">
            A W3C Web Annotation file (.jsonld or .json, as our W3C export writes it) or Hypothesis API JSON. Each annotation is placed where its position
            still holds its quote; else where the quote occurs with the best matching context; else where nearly the same words are found near its old
            position. The preview shows which were placed, which moved and which could not be found, before anything is saved.
          </p>
          <AnnotationImportForm documentId={document.id} />
        </>
      ) : (
        <p role="status">Only reviewers, editors and owners add annotations, and you are a viewer in this workspace.</p>
      )}
    </main>
  );
}
