"use client";
import { useState, useTransition } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { ImportContentField } from "@/components/ui/import-content-field";
import { useImportFlow } from "@/components/ui/use-import-flow";
import { importSourcesAction, previewImportAction } from "@/lib/sources/import-actions";
import { detectFormat, MAX_IMPORT_BYTES, type TImportFormat, type TImportPreview, type TImportResult } from "@/lib/sources/import-schemas";
import { countNew, ImportPreview } from "./import-preview";
import { ImportResult } from "./import-result";

type TWorkspaceOption = { id: string; name: string };
type TInput = { workspaceId: string; format: TImportFormat; content: string };

export function ImportForm({ workspaces, initialWorkspaceId }: { workspaces: TWorkspaceOption[]; initialWorkspaceId: string }) {
  const [workspaceId, setWorkspaceId] = useState(initialWorkspaceId);
  const [format, setFormat] = useState<"auto" | TImportFormat>("auto");
  const flow = useImportFlow<{ input: TInput; data: TImportPreview }, TImportResult>({
    maxBytes: MAX_IMPORT_BYTES,
    emptyMessage: (mode) => (mode === "upload" ? "Choose a .bib or .json file" : "Paste BibTeX or CSL-JSON"),
  });
  const { mode, file, error, setError, preview, setPreview, result, setResult, previewHeading, changed } = flow;
  const [pending, startTransition] = useTransition();
  function currentInput(): TInput | null {
    const content = flow.content();
    if (content === null) return null;
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
        <ImportContentField flow={flow} legend="Entries" fileLabel="File (.bib or .json, at most 5 MB)" accept=".bib,.bibtex,.json,application/json,application/x-bibtex" textLabel="BibTeX or CSL-JSON" error={fields.content} />
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
