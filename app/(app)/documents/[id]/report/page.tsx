import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ReportDownloads } from "@/components/reports/report-downloads";
import { ReportOptions } from "@/components/reports/report-options";
import { ReportView } from "@/components/reports/report-view";
import { AppError } from "@/lib/errors";
import { loadDocumentReport } from "@/lib/reports/load";
import { pageOrigin } from "@/lib/reports/page-origin";
import { reportOptionsFrom, reportQuery, type TSearchParams } from "@/lib/reports/query";
import type { TReportOptions } from "@/lib/reports/schemas";
import { requirePageUser } from "@/lib/session";

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<TSearchParams> };

/** Cached per request, so the title and the page share one load; options go in as a string key. */
const load = cache(async (documentId: string, optionsKey: string) => {
  const user = await requirePageUser();
  try {
    return await loadDocumentReport({ userId: user.id, documentId, origin: await pageOrigin(), options: JSON.parse(optionsKey) as TReportOptions });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

async function read(props: TProps) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams]);
  const { options } = reportOptionsFrom(search);
  return { options, report: await load(id, JSON.stringify(options)) };
}

export async function generateMetadata(props: TProps): Promise<Metadata> {
  const { report } = await read(props);
  return { title: `Report · ${report.documents[0].title}` };
}

/** The document's annotated citation report, with its options and downloads; any member may read it. */
export default async function DocumentReportPage(props: TProps) {
  const { options, report } = await read(props);
  const document = report.documents[0];
  return (
    <main className="page report-page">
      <div className="rp-controls">
        <p>
          <Link href={`/documents/${document.id}`}>← Back to the document</Link>
        </p>
        <ReportOptions action={`/documents/${document.id}/report`} options={options} />
        <ReportDownloads documentId={document.id} query={reportQuery(options)} />
      </div>
      <ReportView report={report} />
    </main>
  );
}
