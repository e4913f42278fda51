import { reportBodyHtml, esc } from "@/lib/reports/html";
import { formatCitations, reportTitle } from "@/lib/reports/notes";
import { reportCss } from "@/lib/reports/report-css";
import type { TReport } from "@/lib/reports/schemas";

const PAGE_CSS = `
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.25rem 4rem; background: #fff; }
@media print { body { padding: 0; max-width: none; } }
`;

/**
 * The report as one standalone HTML file: styles inline (print included), no scripts, and a
 * Content-Security-Policy that would refuse any script or remote load should one slip in.
 */
export async function renderHtml(report: TReport): Promise<{ body: string; contentType: string; extension: string }> {
  const title = reportTitle(report);
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Provenant">
<title>${esc(`${title} — citation report`)}</title>
<style>
${reportCss(title)}
${PAGE_CSS}
</style>
</head>
<body>
${reportBodyHtml(report, await formatCitations(report))}
</body>
</html>
`;
  return { body, contentType: "text/html; charset=utf-8", extension: "html" };
}
