"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { ImportPreviewCard } from "@/components/documents/import-preview-card";
import { requestImport, type TImportRequest } from "@/components/documents/upload-request";
import { filesFromDrop } from "@/components/documents/dropped-files";
import type { TImportPreview } from "@/lib/documents/intake-preview";
import { formatBytes, MAX_IMPORT_BYTES } from "@/lib/intake/limits";

type TPhase = "waiting" | "previewing" | "ready" | "importing" | "done" | "failed";

type TItem = {
  key: number;
  name: string;
  file?: File;
  url?: string;
  phase: TPhase;
  progress: number;
  preview?: TImportPreview;
  title: string;
  error?: string;
  id?: string;
};

const ACCEPT = ".pdf,.docx,.html,.htm,.txt,.md,.markdown,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/plain,text/markdown";

const PHASE_LABELS: Record<TPhase, string> = {
  waiting: "Waiting",
  previewing: "Reading…",
  ready: "Ready to import",
  importing: "Importing…",
  done: "Imported",
  failed: "Not imported",
};

/**
 * Files (several at once, or a dropped folder) or a web address: each is read on the server for a
 * preview first (a dry run that stores nothing), then imported on request, one after another, with a
 * progress bar each and overall. One failure does not stop the others.
 */
export function DocumentImport({ workspaceId, mode }: { workspaceId: string; mode: "files" | "url" }) {
  const router = useRouter();
  const [items, setItems] = useState<TItem[]>([]);
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string>();
  const nextKey = useRef(1);
  // The latest items, for the loops below, which outlive the render that started them.
  const itemsRef = useRef<TItem[]>([]);

  function update(key: number, change: Partial<TItem>) {
    itemsRef.current = itemsRef.current.map((item) => (item.key === key ? { ...item, ...change } : item));
    setItems(itemsRef.current);
  }

  function request(item: TItem, dryRun: boolean): TImportRequest {
    const title = dryRun ? undefined : item.title.trim() || undefined;
    return item.file ? { workspaceId, dryRun, title, file: item.file } : { workspaceId, dryRun, title, url: item.url ?? "" };
  }

  async function previewAll(added: TItem[]) {
    setBusy(true);
    for (const item of added) {
      if (item.phase !== "waiting") continue;
      update(item.key, { phase: "previewing", progress: 0 });
      const answer = await requestImport(request(item, true), (fraction) => update(item.key, { progress: fraction }));
      if (answer.ok && answer.preview) update(item.key, { phase: "ready", progress: 1, preview: answer.preview, title: answer.preview.title });
      else if (!answer.ok) update(item.key, { phase: "failed", error: answer.error.fields?.file ?? answer.error.fields?.url ?? answer.error.message });
    }
    setBusy(false);
  }

  function addFiles(files: File[]) {
    setSummary(undefined);
    const added = files.map((file): TItem => {
      const tooLarge = file.size > MAX_IMPORT_BYTES;
      return {
        key: nextKey.current++,
        name: file.webkitRelativePath || file.name,
        file,
        phase: tooLarge ? "failed" : file.size === 0 ? "failed" : "waiting",
        progress: 0,
        title: "",
        // The server checks again; this saves uploading a file that cannot be accepted.
        error: tooLarge ? `The file is larger than the ${formatBytes(MAX_IMPORT_BYTES)} limit` : file.size === 0 ? "The file is empty" : undefined,
      };
    });
    itemsRef.current = [...itemsRef.current.filter((item) => item.phase !== "done"), ...added];
    setItems(itemsRef.current);
    void previewAll(added);
  }

  function addUrl() {
    const address = url.trim();
    if (!/^https?:\/\/\S+$/i.test(address)) {
      setUrlError("Give the page's address, starting with http:// or https://");
      return;
    }
    setUrlError(undefined);
    setSummary(undefined);
    const item: TItem = { key: nextKey.current++, name: address, url: address, phase: "waiting", progress: 0, title: "" };
    itemsRef.current = [item];
    setItems(itemsRef.current);
    void previewAll([item]);
  }

  async function importAll() {
    setBusy(true);
    setSummary(undefined);
    const ready = itemsRef.current.filter((item) => item.phase === "ready");
    for (const item of ready) {
      update(item.key, { phase: "importing", progress: 0 });
      const answer = await requestImport(request(item, false), (fraction) => update(item.key, { progress: fraction }));
      if (answer.ok && answer.id) update(item.key, { phase: "done", progress: 1, id: answer.id });
      else if (!answer.ok) update(item.key, { phase: "failed", error: answer.error.fields?.file ?? answer.error.fields?.url ?? answer.error.message });
    }
    setBusy(false);
    const done = itemsRef.current.filter((item) => item.phase === "done");
    const failed = itemsRef.current.filter((item) => item.phase === "failed");
    // One document imported on its own opens at once, as a created document always has.
    if (done.length === 1 && failed.length === 0 && itemsRef.current.length === 1) {
      router.push(`/documents/${done[0].id}`);
      return;
    }
    setSummary(`${done.length} imported, ${failed.length} not imported`);
  }

  function remove(key: number) {
    itemsRef.current = itemsRef.current.filter((item) => item.key !== key);
    setItems(itemsRef.current);
  }

  const ready = items.filter((item) => item.phase === "ready").length;
  const finished = items.filter((item) => item.phase === "done" || item.phase === "failed").length;
  const overall = items.length === 0 ? 0 : items.reduce((sum, item) => sum + (item.phase === "done" || item.phase === "failed" ? 1 : item.phase === "importing" ? item.progress : 0), 0) / items.length;

  return (
    <div className="stack document-import">
      {mode === "files" ? (
        <div
          className="drop-zone"
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = "copy";
          }}
          onDrop={(event) => {
            event.preventDefault();
            void filesFromDrop(event.dataTransfer).then(addFiles);
          }}
        >
          <div className="field">
            <label htmlFor="import-files">Files (PDF, Word .docx, web page .html, .txt or .md; at most {formatBytes(MAX_IMPORT_BYTES)} each)</label>
            <input
              id="import-files"
              type="file"
              multiple
              accept={ACCEPT}
              disabled={busy}
              onChange={(event) => {
                addFiles([...(event.target.files ?? [])]);
                event.target.value = "";
              }}
            />
          </div>
          <p className="hint">Or drop files or a whole folder here. Each file is read for a preview first; nothing is saved until you import.</p>
        </div>
      ) : (
        <div className="field">
          <label htmlFor="import-url">Web address</label>
          <div className="inline-form">
            <input
              id="import-url"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={url}
              disabled={busy}
              onChange={(event) => setUrl(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  addUrl();
                }
              }}
              {...describedBy("import-url", urlError)}
            />
            <button type="button" className="button" onClick={addUrl} disabled={busy}>
              Preview
            </button>
          </div>
          <FieldError id="import-url" message={urlError} />
          <p className="hint">The server fetches the page (or PDF) and keeps the article, without the site&apos;s menus and footers.</p>
        </div>
      )}

      {items.length > 0 && (
        <section aria-label="Files to import" className="stack">
          {items.length > 1 && (
            <div className="import-overall">
              <label htmlFor="import-overall">
                Overall: {finished} of {items.length} finished
              </label>
              <progress id="import-overall" max={1} value={overall} />
            </div>
          )}
          <ol className="import-items">
            {items.map((item) => (
              <li key={item.key} className={`card import-item import-${item.phase}`}>
                <div className="import-item-head">
                  <h2 id={`import-item-${item.key}`}>{item.name}</h2>
                  <span className="import-phase">{PHASE_LABELS[item.phase]}</span>
                  {(item.phase === "ready" || item.phase === "failed") && (
                    <button type="button" className="button link" onClick={() => remove(item.key)} aria-label={`Remove ${item.name}`}>
                      Remove
                    </button>
                  )}
                </div>
                {(item.phase === "previewing" || item.phase === "importing") && (
                  <progress max={1} value={item.progress} aria-label={`${PHASE_LABELS[item.phase]} ${item.name}`} />
                )}
                {item.error && (
                  <p className="error" role="alert">
                    {item.error}
                  </p>
                )}
                {item.phase === "done" && item.id && (
                  <p>
                    <Link href={`/documents/${item.id}`}>Open “{item.title}”</Link>
                  </p>
                )}
                {item.phase === "ready" && item.preview && (
                  <>
                    <div className="field">
                      <label htmlFor={`import-title-${item.key}`}>Title</label>
                      <input id={`import-title-${item.key}`} maxLength={300} value={item.title} onChange={(event) => update(item.key, { title: event.target.value })} />
                    </div>
                    <ImportPreviewCard preview={item.preview} headingId={`import-item-${item.key}`} />
                  </>
                )}
              </li>
            ))}
          </ol>
          {ready > 0 && (
            <div>
              <button type="button" className="button primary" onClick={() => void importAll()} disabled={busy}>
                {busy ? "Importing…" : ready === 1 ? "Import document" : `Import ${ready} documents`}
              </button>
            </div>
          )}
          {summary && (
            <p role="status" className="notice">
              {summary}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
