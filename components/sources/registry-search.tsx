import type { TRegistryQuery } from "@/lib/sources/registry-schemas";

/**
 * Search (and workspace) as a plain GET form: the state lives in the URL, so a search can be
 * shared and the back button works, with or without JavaScript.
 */
export function RegistrySearch(props: { query: TRegistryQuery; workspaces: { id: string; name: string }[] }) {
  const { query } = props;
  return (
    <form method="get" action="/sources" role="search" className="inline-form registry-search">
      {props.workspaces.length > 1 ? (
        <>
          <label htmlFor="registry-workspace">Workspace</label>
          <select id="registry-workspace" name="workspace" defaultValue={query.workspaceId}>
            {props.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <input type="hidden" name="workspace" value={query.workspaceId} />
      )}
      <label htmlFor="registry-q">Search sources</label>
      <input id="registry-q" name="q" type="search" defaultValue={query.q} placeholder="Title, author, alias or periodical" aria-describedby="registry-q-hint" />
      {query.sort !== "title" && <input type="hidden" name="sort" value={query.sort} />}
      {query.dir !== "asc" && <input type="hidden" name="dir" value={query.dir} />}
      <button type="submit" className="button">
        Search
      </button>
      <p id="registry-q-hint" className="hint">
        Ignores case, accents and Cyrillic look-alike letters.
      </p>
    </form>
  );
}
