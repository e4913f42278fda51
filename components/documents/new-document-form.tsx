"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { createDocumentAction } from "@/lib/documents/actions";
import { MAX_DOCUMENT_BYTES } from "@/lib/documents/limits";

type TWorkspaceOption = { id: string; name: string };

export function NewDocumentForm({ workspaces }: { workspaces: TWorkspaceOption[] }) {
  const router = useRouter();
  const [state, submit, pending] = useFormAction(createDocumentAction);
  const [mode, setMode] = useState<"paste" | "upload">("paste");
  const [fileError, setFileError] = useState<string | undefined>();
  const fields = state && !state.ok ? (state.error.fields ?? {}) : {};

  useEffect(() => {
    if (state?.ok) router.push(`/documents/${state.data.id}`);
  }, [state, router]);

  function checkFile(file: File | undefined) {
    // The server checks again; this saves uploading a file that cannot be accepted.
    if (file && file.size > MAX_DOCUMENT_BYTES) setFileError("The file is larger than 5 MB");
    else if (file && file.size === 0) setFileError("The file is empty");
    else setFileError(undefined);
  }

  const fileMessage = fileError ?? fields.file;
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        if (fileError && mode === "upload") event.preventDefault();
        else submit(event);
      }}
    >
      <input type="hidden" name="mode" value={mode} />
      <div className="field">
        <label htmlFor="workspaceId">Workspace</label>
        <select id="workspaceId" name="workspaceId" defaultValue={workspaces[0]?.id} {...describedBy("workspaceId", fields.workspaceId)}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <FieldError id="workspaceId" message={fields.workspaceId} />
      </div>
      <div className="field">
        <label htmlFor="title">Title</label>
        <input id="title" name="title" maxLength={300} {...describedBy("title", fields.title)} />
        <FieldError id="title" message={fields.title} />
        {mode === "upload" && <p className="hint">Leave empty to use the file name.</p>}
      </div>
      <fieldset className="segmented">
        <legend>Text</legend>
        <label>
          <input type="radio" name="source" checked={mode === "paste"} onChange={() => setMode("paste")} /> Paste text
        </label>
        <label>
          <input type="radio" name="source" checked={mode === "upload"} onChange={() => setMode("upload")} /> Upload a file
        </label>
      </fieldset>
      {mode === "paste" ? (
        <div className="field">
          <label htmlFor="text">Document text</label>
          <textarea id="text" name="text" rows={16} {...describedBy("text", fields.text)} />
          <FieldError id="text" message={fields.text} />
        </div>
      ) : (
        <div className="field">
          <label htmlFor="file">File (.txt or .md, UTF-8, at most 5 MB)</label>
          <input id="file" name="file" type="file" accept=".txt,.md,.markdown,text/plain,text/markdown" onChange={(e) => checkFile(e.target.files?.[0])} {...describedBy("file", fileMessage)} />
          <FieldError id="file" message={fileMessage} />
        </div>
      )}
      {state && !state.ok && !Object.keys(fields).length && (
        <p role="alert" className="error">
          {state.error.message}
        </p>
      )}
      <div>
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? "Creating…" : "Create document"}
        </button>
      </div>
    </form>
  );
}
