import { reportBodyHtml } from "@/lib/reports/html";
import { formatCitations, reportTitle } from "@/lib/reports/notes";
import { reportCss } from "@/lib/reports/report-css";
import type { TReport } from "@/lib/reports/schemas";

/**
 * The report itself, as the standalone HTML download has it: the same markup and stylesheet
 * (print included) from lib/reports, where every user-written value is escaped and comment HTML
 * is the sanitized HTML stored.
 */
export async function ReportView(props: { report: TReport }) {
  const html = reportBodyHtml(props.report, await formatCitations(props.report));
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: reportCss(reportTitle(props.report)) }} />
      <div className="rp-body" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
