"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { createWorkspaceAction } from "@/lib/workspaces/actions";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [state, action, pending] = useFormAction(createWorkspaceAction);
  const error = state && !state.ok ? (state.error.fields?.name ?? state.error.message) : undefined;
  useEffect(() => {
    if (state?.ok) router.push(`/workspaces/${state.data.id}`);
  }, [state, router]);
  return (
    <form onSubmit={action} noValidate className="inline-form">
      <label htmlFor="workspace-name">Workspace name</label>
      <input id="workspace-name" name="name" maxLength={120} required {...describedBy("workspace-name", error)} />
      <button type="submit" className="button primary" disabled={pending}>
        Create workspace
      </button>
      <FieldError id="workspace-name" message={error} />
    </form>
  );
}
