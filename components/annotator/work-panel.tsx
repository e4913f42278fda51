"use client";
import { useId, useState } from "react";
import { RefusedNotice } from "@/components/annotator/stale-notice";
import { updateAnnotationAction } from "@/lib/annotations/actions";
import type { TAnnotationView, TUpdateAnnotation } from "@/lib/annotations/schemas";
import type { TAppErrorBody } from "@/lib/errors";
import { hasRole } from "@/lib/roles";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/** Who is to check the annotation, and whether it is on its document's checklist; each change saves at once. */
export function WorkPanel(props: { annotation: TAnnotationView; members: TMemberOption[]; onSaved: (a: TAnnotationView) => void }) {
  const a = props.annotation;
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();
  const assignable = props.members.filter((m) => hasRole(m.role, "REVIEWER"));

  async function save(change: Omit<TUpdateAnnotation, "version">) {
    setPending(true);
    const result = await updateAnnotationAction(a.id, { version: a.version, ...change });
    setPending(false);
    setError(result.ok ? null : result.error);
    if (result.ok) props.onSaved(result.data);
  }

  return (
    <section className="work-panel" aria-label="Assignment">
      <label htmlFor={`${id}-assignee`}>Assigned to</label>
      <select
        id={`${id}-assignee`}
        value={a.assignee?.id ?? ""}
        disabled={pending}
        onChange={(e) => save({ assigneeId: e.target.value || null })}
      >
        <option value="">Nobody</option>
        {assignable.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={a.onChecklist} disabled={pending} onChange={(e) => save({ onChecklist: e.target.checked })} /> On the
        document&apos;s checklist
      </label>
      <RefusedNotice
        error={error}
        onReload={(current) => {
          setError(null);
          props.onSaved(current);
        }}
      />
    </section>
  );
}
