"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { DocumentImport } from "@/components/documents/document-import";
import { createDocumentAction } from "@/lib/documents/actions";

type TWorkspaceOption = { id: string; name: string };

export function NewDocumentForm({ workspaces }: { workspaces: TWorkspaceOption[] }) {
  const router = useRouter();
  const [state, submit, pending] = useFormAction(createDocumentAction);
  const [mode, setMode] = useState<"paste" | "files" | "url">("files");
  const [workspaceId, setWorkspaceId] = useState(workspaces[0]?.id ?? "");
  const fields = state && !state.ok ? (state.error.fields ?? {}) : {};

  useEffect(() => {
    if (state?.ok) router.push(`/documents/${state.data.id}`);
  }, [state, router]);

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="workspaceId">Workspace</label>
        <select id="workspaceId" value={workspaceId} onChange={(event) => setWorkspaceId(event.target.value)} {...describedBy("workspaceId", fields.workspaceId)}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        <FieldError id="workspaceId" message={fields.workspaceId} />
      </div>
      <fieldset className="segmented">
        <legend>Text</legend>
        <label>
          <input type="radio" name="source" checked={mode === "files"} onChange={() => setMode("files")} /> Upload files
        </label>
        <label>
          <input type="radio" name="source" checked={mode === "url"} onChange={() => setMode("url")} /> From a web address
        </label>
        <label>
          <input type="radio" name="source" checked={mode === "paste"} onChange={() => setMode("paste")} /> Paste text
        </label>
      </fieldset>
      {mode === "paste" ? (
        <form noValidate className="stack" onSubmit={submit}>
          <input type="hidden" name="mode" value="paste" />
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <div className="field">
            <label htmlFor="title">Title</label>
            <input id="title" name="title" maxLength={300} {...describedBy("title", fields.title)} />
            <FieldError id="title" message={fields.title} />
          </div>
          <div className="field">
            <label htmlFor="text">Document text</label>
            <textarea id="text" name="text" rows={16} {...describedBy("text", fields.text)} />
            <FieldError id="text" message={fields.text} />
          </div>
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
      ) : (
        <DocumentImport key={`${mode}-${workspaceId}`} workspaceId={workspaceId} mode={mode} />
      )}
    </div>
  );
}
