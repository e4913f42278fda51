"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { ImportContentField } from "@/components/ui/import-content-field";
import { useImportFlow } from "@/components/ui/use-import-flow";
import { importAnnotationsAction, previewAnnotationImportAction } from "@/lib/imports/actions";
import { detectAnnotationFormat } from "@/lib/imports/parse";
import {
  ANNOTATION_IMPORT_FORMAT_LABELS,
  ANNOTATION_IMPORT_FORMATS,
  MAX_ANNOTATION_IMPORT_BYTES,
  type TAnnotationImportFormat,
  type TAnnotationImportPreview,
  type TAnnotationImportResult,
} from "@/lib/imports/schemas";
import { ImportPreview } from "./import-preview";
import { ImportResult } from "./import-result";

type TInput = { format: TAnnotationImportFormat; content: string };

/** The format the content says it is; a file that is not JSON goes to the server as W3C, which says where it broke. */
function detect(content: string): TAnnotationImportFormat | null {
  try {
    return detectAnnotationFormat(JSON.parse(content.replace(/^\uFEFF/, "")));
  } catch {
    return "w3c";
  }
}

export function AnnotationImportForm({ documentId }: { documentId: string }) {
  const [format, setFormat] = useState<"auto" | TAnnotationImportFormat>("auto");
  const [keepOrphans, setKeepOrphans] = useState(true);
  const flow = useImportFlow<{ input: TInput; data: TAnnotationImportPreview }, TAnnotationImportResult>({
    maxBytes: MAX_ANNOTATION_IMPORT_BYTES,
    emptyMessage: (mode) => (mode === "upload" ? "Choose a .json or .jsonld file" : "Paste the annotations (JSON)"),
  });
  const { error, setError, preview, setPreview, result, setResult, previewHeading, changed } = flow;
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"preview" | "import">("preview");
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  function currentInput(): TInput | null {
    const content = flow.content();
    if (content === null) return null;
    const resolved = format === "auto" ? detect(content) : format;
    if (!resolved) {
      const message = "The format cannot be told from this; choose W3C Web Annotation or Hypothesis";
      setError({ code: "VALIDATION", message, fields: { format: message } });
      return null;
    }
    return { format: resolved, content };
  }

  function runPreview() {
    const input = currentInput();
    if (!input) return;
    setRunning("preview");
    startTransition(async () => {
      const response = await previewAnnotationImportAction(documentId, input);
      if (response.ok) setPreview({ input, data: response.data });
      else setError(response.error);
    });
  }

  function runImport() {
    if (!preview) return;
    setRunning("import");
    startTransition(async () => {
      const response = await importAnnotationsAction(documentId, { ...preview.input, keepOrphans });
      if (response.ok) {
        setResult(response.data);
        setPreview(null);
      } else setError(response.error);
    });
  }

  const fields = error?.fields ?? {};
  const counts = preview?.data.counts;
  const toImport = counts ? counts.anchored + counts.moved + (keepOrphans ? counts.failed : 0) : 0;
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
          <label htmlFor="import-format">Format</label>
          <select id="import-format" value={format} onChange={(e) => (changed(), setFormat(e.target.value as typeof format))} {...describedBy("import-format", fields.format)}>
            <option value="auto">Detect from the content</option>
            {ANNOTATION_IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {ANNOTATION_IMPORT_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
          <FieldError id="import-format" message={fields.format} />
        </div>
        <ImportContentField flow={flow} legend="Annotations" fileLabel="File (.json or .jsonld, at most 5 MB)" accept=".json,.jsonld,application/json,application/ld+json" textLabel="Annotations (JSON)" error={fields.content} />
        {error && !Object.keys(fields).length && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={pending}>
            {pending && running === "preview" ? "Reading…" : "Preview"}
          </button>
        </div>
      </form>
      {preview && (
        <>
          <ImportPreview preview={preview.data} headingRef={previewHeading} />
          <div className="stack import-confirm">
            <label className="checkbox">
              <input type="checkbox" checked={keepOrphans} onChange={(e) => setKeepOrphans(e.target.checked)} /> Keep failed ones as orphaned annotations to place by hand
            </label>
            {toImport > 0 ? (
              <div>
                <button type="button" className="button primary" disabled={pending} onClick={runImport}>
                  {pending ? "Importing…" : "Import"}
                </button>
              </div>
            ) : (
              <p role="status">Nothing to import: none of the annotations was found in the text.</p>
            )}
          </div>
        </>
      )}
      {result && <ImportResult result={result} headingRef={resultHeading} />}
    </div>
  );
}
