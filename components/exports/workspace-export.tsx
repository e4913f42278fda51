"use client";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { EXPORT_FORMAT_LABELS, exportDownloadUrl, type TExportJob } from "@/lib/exports/schemas";
import { EXPORT_FORMATS, type TExportFormat } from "@/lib/reports/schemas";

/** How often a running job is asked how far it got, and how long before its progress is shown. */
const POLL_MS = 400;
const SHOW_PROGRESS_AFTER_MS = 1000;

const noSubscription = () => () => {};

type TErrorBody = { error?: { message?: string; current?: TExportJob } };

/** The report page's query (`documents=…&statuses=…&text=0&comments=1`) as the export's options. */
function optionsFrom(query: string) {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const list = (name: string) => params.get(name)?.split(",").filter(Boolean);
  const flag = (name: string) => (params.has(name) ? ["1", "true"].includes(params.get(name) ?? "") : undefined);
  return { documents: list("documents"), statuses: list("statuses"), text: flag("text"), comments: flag("comments") };
}

/**
 * Fetches the file as a download. A same-origin link with `download` never leaves the page (a
 * navigation to an attachment would, for a moment, count as leaving it).
 */
function download(href: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = "";
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as TErrorBody | null;
  return body?.error?.message ?? `The server answered ${response.status}`;
}

/**
 * Exports the workspace report (the page's documents and options) in a chosen format as a
 * background job: the file downloads when it is ready; a job that takes longer than a second
 * shows its progress and can be cancelled. Nothing here blocks the rest of the page.
 */
export function WorkspaceExport(props: { workspaceId: string; query: string }) {
  const [format, setFormat] = useState<TExportFormat>("pdf");
  const [job, setJob] = useState<TExportJob | null>(null);
  const [showProgress, setShowProgress] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  // The job being watched; polling stops when it changes or the component goes away.
  const watching = useRef<string | null>(null);

  useEffect(() => () => void (watching.current = null), []);

  // Until the page is hydrated a click would submit the form natively (and reload the page), and a
  // chosen format would be reset by hydration: both controls wait.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const running = job?.state === "RUNNING";

  function finish(next: TExportJob) {
    setJob(next);
    setShowProgress(false);
    setCancelling(false);
    watching.current = null;
    if (next.state === "DONE") {
      setMessage(`${next.fileName} is ready and downloading.`);
      download(exportDownloadUrl(next.id));
    } else if (next.state === "CANCELLED") setMessage("Export cancelled.");
    else setError(next.error || "The export failed");
  }

  async function watch(started: TExportJob) {
    watching.current = started.id;
    const shown = window.setTimeout(() => watching.current === started.id && setShowProgress(true), SHOW_PROGRESS_AFTER_MS);
    let current = started;
    try {
      while (current.state === "RUNNING") {
        await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
        if (watching.current !== started.id) return;
        const response = await fetch(`/api/v1/exports/${encodeURIComponent(started.id)}`, { cache: "no-store" });
        if (watching.current !== started.id) return;
        if (!response.ok) {
          watching.current = null;
          setShowProgress(false);
          setError(await readError(response));
          return;
        }
        current = (await response.json()) as TExportJob;
        setJob(current);
      }
      finish(current);
    } catch {
      if (watching.current === started.id) {
        watching.current = null;
        setShowProgress(false);
        setError("The connection to the server was lost; try again");
      }
    } finally {
      window.clearTimeout(shown);
    }
  }

  async function start(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    setShowProgress(false);
    try {
      const response = await fetch(`/api/v1/workspaces/${encodeURIComponent(props.workspaceId)}/exports`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ format, ...optionsFrom(props.query) }),
      });
      if (response.status !== 202) return setError(await readError(response));
      const { job: started } = (await response.json()) as { job: TExportJob };
      setJob(started);
      void watch(started);
    } catch {
      setError("The connection to the server was lost; try again");
    }
  }

  async function cancel() {
    if (!job) return;
    setCancelling(true);
    try {
      const response = await fetch(`/api/v1/exports/${encodeURIComponent(job.id)}/cancel`, { method: "POST" });
      if (response.ok) finish((await response.json()) as TExportJob);
      else if (response.status === 409) {
        // It finished first: the poll will see how.
        setCancelling(false);
      } else {
        setCancelling(false);
        setError(await readError(response));
      }
    } catch {
      setCancelling(false);
      setError("The connection to the server was lost; try again");
    }
  }

  return (
    <section className="workspace-export" aria-labelledby="workspace-export-h">
      <h2 id="workspace-export-h">Export</h2>
      <form className="inline-form" onSubmit={start}>
        <label htmlFor="workspace-export-format">Format</label>
        <select id="workspace-export-format" value={format} onChange={(e) => setFormat(e.target.value as TExportFormat)} disabled={running || !hydrated}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {EXPORT_FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
        <button type="submit" className="button primary" disabled={running || !hydrated}>
          {running ? "Exporting…" : "Export"}
        </button>
      </form>
      {running && showProgress && (
        <div className="export-progress">
          <progress id="workspace-export-progress" max={Math.max(job.total, 1)} value={job.done} aria-label="Export progress" />
          <span role="status">
            {job.done.toLocaleString("en-GB")} of {job.total.toLocaleString("en-GB")} documents
          </span>
          <button type="button" className="button" onClick={cancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        </div>
      )}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
