"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import type { TAppErrorBody } from "@/lib/errors";
import { importSourcesAction, previewImportAction } from "@/lib/sources/import-actions";
import { detectFormat, MAX_IMPORT_BYTES, type TImportFormat, type TImportPreview, type TImportResult } from "@/lib/sources/import-schemas";
import { countNew, ImportPreview } from "./import-preview";
import { ImportResult } from "./import-result";

type TWorkspaceOption = { id: string; name: string };
type TInput = { workspaceId: string; format: TImportFormat; content: string };

export function ImportForm({ workspaces, initialWorkspaceId }: { workspaces: TWorkspaceOption[]; initialWorkspaceId: string }) {
  const [workspaceId, setWorkspaceId] = useState(initialWorkspaceId);
  const [format, setFormat] = useState<"auto" | TImportFormat>("auto");
  const [mode, setMode] = useState<"upload" | "paste">("upload");
  const [text, setText] = useState("");
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [preview, setPreview] = useState<{ input: TInput; data: TImportPreview } | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [pending, startTransition] = useTransition();
  const previewHeading = useRef<HTMLHeadingElement>(null);

  // Any change to what would be imported makes the preview stale.
  function changed() {
    setPreview(null);
    setResult(null);
    setError(null);
  }

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  async function pickFile(picked: File | undefined) {
    changed();
    setFile(null);
    if (!picked) return;
    // The server checks again; this saves sending a file that cannot be accepted.
    if (picked.size > MAX_IMPORT_BYTES) return setError({ code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 5 MB", fields: { content: "The file is larger than 5 MB" } });
    setFile({ name: picked.name, content: await picked.text() });
  }

  function currentInput(): TInput | null {
    const content = mode === "upload" ? (file?.content ?? "") : text;
    if (!content.trim()) {
      const message = mode === "upload" ? "Choose a .bib or .json file" : "Paste BibTeX or CSL-JSON";
      setError({ code: "VALIDATION", message, fields: { content: message } });
      return null;
    }
    const resolved = format === "auto" ? detectFormat(mode === "upload" ? (file?.name ?? "") : "", content) : format;
    if (!resolved) {
      const message = "The format cannot be told from this; choose BibTeX or CSL-JSON";
      setError({ code: "VALIDATION", message, fields: { format: message } });
      return null;
    }
    return { workspaceId, format: resolved, content };
  }

  function runPreview() {
    const input = currentInput();
    if (!input) return;
    startTransition(async () => {
      const response = await previewImportAction(input);
      if (response.ok) setPreview({ input, data: response.data });
      else setError(response.error);
    });
  }

  function runImport() {
    if (!preview) return;
    startTransition(async () => {
      const response = await importSourcesAction(preview.input);
      if (response.ok) {
        setResult(response.data);
        setPreview(null);
      } else setError(response.error);
    });
  }

  const fields = error?.fields ?? {};
  const fresh = preview ? countNew(preview.data) : 0;
  return (
    <div className="stack">
      <form
        noValidate
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          runPreview();
        }}
      >
        <div className="field">
          <label htmlFor="import-workspace">Workspace</label>
          <select id="import-workspace" value={workspaceId} onChange={(e) => (changed(), setWorkspaceId(e.target.value))} {...describedBy("import-workspace", fields.workspaceId)}>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
          <FieldError id="import-workspace" message={fields.workspaceId} />
        </div>
        <div className="field">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" value={format} onChange={(e) => (changed(), setFormat(e.target.value as typeof format))} {...describedBy("import-format", fields.format)}>
            <option value="auto">Detect (.bib is BibTeX, .json is CSL-JSON)</option>
            <option value="bibtex">BibTeX</option>
            <option value="csl-json">CSL-JSON</option>
          </select>
          <FieldError id="import-format" message={fields.format} />
        </div>
        <fieldset className="segmented">
          <legend>Entries</legend>
          <label>
            <input type="radio" name="import-mode" checked={mode === "upload"} onChange={() => (changed(), setMode("upload"))} /> Upload a file
          </label>
          <label>
            <input type="radio" name="import-mode" checked={mode === "paste"} onChange={() => (changed(), setMode("paste"))} /> Paste
          </label>
        </fieldset>
        {mode === "upload" ? (
          <div className="field">
            <label htmlFor="import-file">File (.bib or .json, at most 5 MB)</label>
            <input id="import-file" type="file" accept=".bib,.bibtex,.json,application/json,application/x-bibtex" onChange={(e) => void pickFile(e.target.files?.[0])} {...describedBy("import-content", fields.content)} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="import-text">BibTeX or CSL-JSON</label>
            <textarea id="import-text" rows={12} value={text} onChange={(e) => (changed(), setText(e.target.value))} spellCheck={false} {...describedBy("import-content", fields.content)} />
          </div>
        )}
        <FieldError id="import-content" message={fields.content} />
        {error && !Object.keys(fields).length && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={pending}>
            {pending && !preview ? "Reading…" : "Preview"}
          </button>
        </div>
      </form>
      {preview && (
        <>
          <ImportPreview preview={preview.data} headingRef={previewHeading} />
          {fresh > 0 ? (
            <div>
              <button type="button" className="button primary" disabled={pending} onClick={runImport}>
                {pending ? "Importing…" : `Import ${fresh} new ${fresh === 1 ? "source" : "sources"}`}
              </button>
            </div>
          ) : (
            <p role="status">Nothing new to import: every entry is a source you already have.</p>
          )}
        </>
      )}
      {result && <ImportResult result={result} workspaceId={preview?.input.workspaceId ?? workspaceId} />}
    </div>
  );
}
