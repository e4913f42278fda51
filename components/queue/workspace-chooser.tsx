/** Chooses the workspace of a page with a GET form (?workspace=), shown only to members of several. */
export function WorkspaceChooser(props: { action: string; workspaces: { id: string; name: string }[]; chosenId: string; keep?: Record<string, string> }) {
  if (props.workspaces.length < 2) return null;
  return (
    <form key={props.chosenId} method="get" action={props.action} className="inline-form workspace-chooser">
      {Object.entries(props.keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={`${props.action.slice(1)}-workspace`}>Workspace</label>
      <select id={`${props.action.slice(1)}-workspace`} name="workspace" defaultValue={props.chosenId}>
        {props.workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        Show
      </button>
    </form>
  );
}
