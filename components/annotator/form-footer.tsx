/** The end of an annotation form: the server's message, then Save and Cancel (and any extra buttons). */
export function FormFooter(props: { message: string | null; pending: boolean; saveLabel: string; onCancel: () => void; children?: React.ReactNode }) {
  return (
    <>
      {props.message && (
        <p role="alert" className="error">
          {props.message}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={props.pending}>
          {props.pending ? "Saving…" : props.saveLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        {props.children}
      </div>
    </>
  );
}
