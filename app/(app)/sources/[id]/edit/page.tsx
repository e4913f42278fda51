import type { Metadata } from "next";
import Link from "next/link";
import { SourceForm } from "@/components/sources/source-form";
import { sourceLabel } from "@/lib/sources/label";
import { hasRole } from "@/lib/roles";
import { loadSourcePage } from "../load";

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { source } = await loadSourcePage((await params).id, "/edit");
  return { title: `Edit ${source.title}` };
}

export default async function EditSourcePage({ params }: TProps) {
  const { source, role } = await loadSourcePage((await params).id, "/edit");
  return (
    <main className="page narrow">
      <p>
        <Link href={`/sources/${source.id}`}>← {sourceLabel(source)}</Link>
      </p>
      <h1>Edit source</h1>
      {hasRole(role, "EDITOR") ? <SourceForm mode="edit" source={source} /> : <p role="status">Only editors and owners edit sources.</p>}
    </main>
  );
}
