"use client";
import { useId, useState, type FormEvent } from "react";
import type { TPerson } from "@/lib/annotations/schemas";
import type { TBulkChange } from "@/lib/queue/schemas";
import { isStatus, STATUSES, STATUS_INFO } from "@/lib/statuses";

const UNASSIGN = "nobody";

/**
 * The action to apply to the selected rows: assign (or unassign), set a status, or the checklist.
 * The choice of value is required, so nothing is sent by accident with a default.
 */
export function BulkForm(props: { selected: number; pending: boolean; assignees: TPerson[]; onApply: (change: TBulkChange) => void }) {
  const id = useId();
  const [action, setAction] = useState<TBulkChange["action"]>("assign");
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (props.pending) return;
    if (props.selected === 0) return setProblem("Select at least one row first.");
    setProblem(null);
    const value = String(new FormData(event.currentTarget).get("value") ?? "");
    if (action === "assign") props.onApply({ action, assigneeId: value === UNASSIGN ? null : value });
    else if (action === "status") {
      if (isStatus(value)) props.onApply({ action, status: value });
    }
    else props.onApply({ action, onChecklist: value === "add" });
  }

  return (
    <form className="bulk-form inline-form" aria-label="Bulk actions" onSubmit={submit}>
      <label htmlFor={`${id}-action`}>Action</label>
      <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value as TBulkChange["action"])}>
        <option value="assign">Assign</option>
        <option value="status">Set status</option>
        <option value="checklist">Checklist</option>
      </select>
      {action === "assign" && (
        <>
          <label htmlFor={`${id}-value`}>Assign to</label>
          <select key="assign" id={`${id}-value`} name="value" required defaultValue="">
            <option value="" disabled>
              Choose a member…
            </option>
            {props.assignees.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
            <option value={UNASSIGN}>Nobody (unassign)</option>
          </select>
        </>
      )}
      {action === "status" && (
        <>
          <label htmlFor={`${id}-value`}>New status</label>
          <select key="status" id={`${id}-value`} name="value" required defaultValue="">
            <option value="" disabled>
              Choose a status…
            </option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_INFO[s].label}
              </option>
            ))}
          </select>
        </>
      )}
      {action === "checklist" && (
        <>
          <label htmlFor={`${id}-value`}>Checklist</label>
          <select key="checklist" id={`${id}-value`} name="value" defaultValue="add">
            <option value="add">Add to the document&apos;s checklist</option>
            <option value="remove">Remove from the checklist</option>
          </select>
        </>
      )}
      {/* Never disabled: a disabled button would drop the keyboard focus when the selection empties. */}
      <button type="submit" className="button primary" aria-disabled={props.selected === 0 || props.pending}>
        {props.pending ? "Applying…" : `Apply to ${props.selected} selected`}
      </button>
      {problem && props.selected === 0 && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </form>
  );
}
