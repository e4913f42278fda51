import { EXPORT_FORMAT_LABELS } from "@/lib/exports/schemas";
import { documentExportHref } from "@/lib/reports/query";
import { EXPORT_FORMATS } from "@/lib/reports/schemas";

/** The document's report (with the page's options) in every export format, each a plain download link to the export API. */
export function ReportDownloads(props: { documentId: string; query: string }) {
  return (
    <section className="rp-downloads" aria-labelledby="rp-downloads-h">
      <h2 id="rp-downloads-h">Download</h2>
      <ul>
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a href={documentExportHref(props.documentId, format, props.query)} download>
              {EXPORT_FORMAT_LABELS[format]}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
