"use client";
import { describedBy, FieldError } from "@/components/ui/field-error";

/** A labelled text input or textarea with an optional hint and its inline error, wired for screen readers. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  type?: "text" | "date";
  /** Rows for a textarea; without it, a one-line input. */
  rows?: number;
}) {
  const errorProps = describedBy(props.id, props.error);
  const described = [props.hint ? `${props.id}-hint` : "", errorProps["aria-describedby"] ?? ""].filter(Boolean).join(" ") || undefined;
  const common = { id: props.id, value: props.value, placeholder: props.placeholder, "aria-invalid": errorProps["aria-invalid"], "aria-describedby": described };
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.rows ? (
        <textarea {...common} rows={props.rows} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? "text"} onChange={(e) => props.onChange(e.target.value)} />
      )}
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <FieldError id={props.id} message={props.error} />
    </div>
  );
}
