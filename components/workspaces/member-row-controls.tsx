"use client";
import { useState, useTransition } from "react";
import { ROLES, type TRole } from "@/lib/roles";
import { changeRoleAction, removeMemberAction } from "@/lib/workspaces/actions";

export function MemberRowControls(props: { workspaceId: string; memberId: string; email: string; role: TRole }) {
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<string>(props.role);
  const [pending, startTransition] = useTransition();
  const selectId = `role-${props.memberId}`;

  function run(task: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    setError(null);
    startTransition(async () => {
      const result = await task();
      if (!result.ok) {
        setError(result.error?.message ?? "Failed");
        setRole(props.role); // the change was refused: show the role that holds
      }
    });
  }

  return (
    <div className="inline-form">
      <label htmlFor={selectId} className="sr-only">
        Role of {props.email}
      </label>
      <select id={selectId} value={role}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          setRole(next);
          run(() => changeRoleAction(props.workspaceId, props.memberId, next));
        }}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button danger"
        disabled={pending}
        aria-label={`Remove ${props.email}`}
        onClick={() => window.confirm(`Remove ${props.email} from this workspace?`) && run(() => removeMemberAction(props.workspaceId, props.memberId))}
      >
        Remove
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
