"use client";
import { describedBy, FieldError } from "@/components/ui/field-error";
import type { useImportFlow } from "@/components/ui/use-import-flow";

/** Upload a file or paste text, for an import form driven by useImportFlow; the content's error shows below. */
export function ImportContentField(props: {
  flow: Pick<ReturnType<typeof useImportFlow>, "mode" | "setMode" | "text" | "setText" | "changed" | "pickFile">;
  legend: string;
  fileLabel: string;
  accept: string;
  textLabel: string;
  error?: string;
}) {
  const { mode, setMode, text, setText, changed, pickFile } = props.flow;
  return (
    <>
      <fieldset className="segmented">
        <legend>{props.legend}</legend>
        <label>
          <input type="radio" name="import-mode" checked={mode === "upload"} onChange={() => (changed(), setMode("upload"))} /> Upload a file
        </label>
        <label>
          <input type="radio" name="import-mode" checked={mode === "paste"} onChange={() => (changed(), setMode("paste"))} /> Paste
        </label>
      </fieldset>
      {mode === "upload" ? (
        <div className="field">
          <label htmlFor="import-file">{props.fileLabel}</label>
          <input id="import-file" type="file" accept={props.accept} onChange={(e) => void pickFile(e.target.files?.[0])} {...describedBy("import-content", props.error)} />
        </div>
      ) : (
        <div className="field">
          <label htmlFor="import-text">{props.textLabel}</label>
          <textarea id="import-text" rows={12} value={text} onChange={(e) => (changed(), setText(e.target.value))} spellCheck={false} {...describedBy("import-content", props.error)} />
        </div>
      )}
      <FieldError id="import-content" message={props.error} />
    </>
  );
}
