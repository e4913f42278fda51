import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TextEditForm } from "@/components/revisions/text-edit-form";
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
    return { document, canEdit: hasRole(member.role, "EDITOR") };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: `Edit text: ${(await load((await params).id)).document.title}` };
}

/** "Edit text": the whole text in an editor, saved with a reason as a new revision (EDITOR and OWNER). */
export default async function EditTextPage({ params }: TProps) {
  const { document, canEdit } = await load((await params).id);
  if (!canEdit) {
    return (
      <main className="page">
        <h1>Edit text</h1>
        <p role="alert" className="error">
          Only an editor or owner of this workspace can change the text. <Link href={`/documents/${document.id}`}>Back to “{document.title}”</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="page">
      <p>
        <Link href={`/documents/${document.id}`}>← {document.title}</Link>
      </p>
      <h1>Edit text</h1>
      <p className="muted">
        Saving makes revision {document.revision + 1}. Annotations move with the text; one whose words you change is flagged “needs re-check”, and a verdict on it goes
        back to awaiting sign-off. Earlier revisions are kept and can be compared.
      </p>
      <TextEditForm documentId={document.id} baseRevision={document.revision} text={document.text} />
    </main>
  );
}
