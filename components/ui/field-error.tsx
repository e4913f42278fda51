/** An inline field message, tied to its control with aria-describedby={`${id}-error`}. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="error" role="alert">
      {message}
    </p>
  );
}

export function describedBy(id: string, message?: string): { "aria-invalid"?: true; "aria-describedby"?: string } {
  return message ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}
