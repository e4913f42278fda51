"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { SourceFormFields, sourceInputFrom } from "@/components/sources/source-form-fields";
import type { TAppErrorBody } from "@/lib/errors";
import { createSourceAction, updateSourceAction } from "@/lib/sources/actions";
import type { TSource } from "@/lib/sources/schemas";

type TProps = { mode: "create"; workspaceId: string } | { mode: "edit"; source: TSource };

/** The registry's "New source" and "Edit source" form; an edit is checked against the version it opened. */
export function SourceForm(props: TProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [base, setBase] = useState<TSource | null>(props.mode === "edit" ? props.source : null);
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState<TAppErrorBody | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = sourceInputFrom(new FormData(event.currentTarget));
    startTransition(async () => {
      const result =
        props.mode === "create" ? await createSourceAction({ workspaceId: props.workspaceId, ...input }) : await updateSourceAction(base!.id, { version: base!.version, ...input });
      if (!result.ok) return setError(result.error);
      router.push(`/sources/${result.data.id}`);
      router.refresh();
    });
  }

  function reloadTheirs() {
    setBase(error?.current as TSource);
    setError(null);
    setFormKey((k) => k + 1);
  }

  const conflict = error?.code === "CONFLICT" && error.current ? (error.current as TSource) : null;
  return (
    <form key={formKey} noValidate className="stack source-form" onSubmit={onSubmit}>
      {conflict && (
        <div className="conflict" role="alert">
          <p>
            <strong>{error!.message}.</strong> It is now at version {conflict.version} (you opened version {base?.version}). Nothing of yours was saved.
          </p>
          <button type="button" className="button" onClick={reloadTheirs}>
            Reload their version
          </button>
        </div>
      )}
      <SourceFormFields source={base} fields={error?.fields ?? {}} />
      {error && !conflict && !error.fields && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Create source" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
