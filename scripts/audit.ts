/**
 * `npm run audit`: `npm audit --omit=dev --json` over the production dependencies. Prints the
 * high and critical advisories and fails on any. When the advisory database cannot be reached (a
 * registry mirror that answers 405, no network), it says so and exits with its own code, so that
 * "not checked" is never mistaken for "no advisories" nor for "advisories found".
 *
 * Exit codes: 0 no high/critical advisory; 1 high/critical advisories found; 3 the audit could not run.
 */
import { spawnSync } from "node:child_process";
import { projectRoot } from "./lib/database";

export const EXIT_ADVISORIES = 1;
export const EXIT_UNREACHABLE = 3;
const FAILING = new Set(["high", "critical"]);

type TVia = string | { title?: string; url?: string; severity?: string; range?: string; source?: number };
type TVulnerability = { name: string; severity: string; range?: string; via?: TVia[]; fixAvailable?: unknown; isDirect?: boolean };
type TReport = {
  vulnerabilities?: Record<string, TVulnerability>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number; total?: number } };
  message?: string;
  error?: { summary?: string; detail?: string } | string;
  statusCode?: number;
};

function runAudit(): { report: TReport | null; stderr: string; status: number | null } {
  const result = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: projectRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  let report: TReport | null = null;
  try {
    report = JSON.parse(result.stdout) as TReport;
  } catch {
    report = null;
  }
  return { report, stderr: result.stderr ?? "", status: result.status };
}

/** Why the audit did not produce a report, or null when it did. */
function unreachableReason(report: TReport | null, stderr: string): string | null {
  if (!report) return `npm audit printed no JSON report. ${lastLines(stderr)}`;
  if (report.vulnerabilities && report.metadata?.vulnerabilities) return null;
  const detail = typeof report.error === "string" ? report.error : [report.error?.summary, report.error?.detail].filter(Boolean).join(" ");
  return [report.message, report.statusCode ? `(HTTP ${report.statusCode})` : "", detail, lastLines(stderr)].filter(Boolean).join(" ");
}

function lastLines(text: string): string {
  return text.trim().split("\n").filter((line) => !/Unknown user config/.test(line)).slice(-3).join(" | ");
}

function describeVia(via: TVia): string {
  return typeof via === "string" ? `through ${via}` : `${via.title ?? "advisory"}${via.url ? ` (${via.url})` : ""}${via.range ? ` affects ${via.range}` : ""}`;
}

function main(): number {
  const { report, stderr } = runAudit();
  const reason = unreachableReason(report, stderr);
  if (reason !== null) {
    console.error("[audit] COULD NOT CHECK: the advisory database did not answer, so nothing is known about advisories.");
    console.error(`[audit] ${reason}`);
    console.error("[audit] Run `npm run audit` where registry.npmjs.org's /-/npm/v1/security/advisories/bulk endpoint is reachable.");
    return EXIT_UNREACHABLE;
  }
  const vulnerabilities = Object.values(report?.vulnerabilities ?? {});
  const failing = vulnerabilities.filter((v) => FAILING.has(v.severity));
  const counts = report?.metadata?.vulnerabilities ?? {};
  console.log(`[audit] production dependencies: ${report?.metadata?.dependencies?.prod ?? "?"}; advisories: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  for (const v of failing) {
    console.log(`\n${v.severity.toUpperCase()} ${v.name}${v.range ? ` ${v.range}` : ""}${v.isDirect ? " (direct)" : ""}`);
    for (const via of v.via ?? []) console.log(`  - ${describeVia(via)}`);
    if (v.fixAvailable) console.log(`  fix: ${typeof v.fixAvailable === "object" ? JSON.stringify(v.fixAvailable) : "npm audit fix"}`);
  }
  if (failing.length > 0) {
    console.log(`\n[audit] FAILED: ${failing.length} package(s) with high or critical advisories.`);
    return EXIT_ADVISORIES;
  }
  console.log("[audit] ok: no high or critical advisories in the production dependencies.");
  return 0;
}

process.exit(main());
