import Link from "next/link";
import { NO_SOURCE, queueHref, type TQueueFilters, type TQueueTab } from "@/lib/queue/schemas";
import { SIGN_OFF_INFO, SIGN_OFF_STATES, STATUSES, STATUS_INFO } from "@/lib/statuses";

type TOption = { id: string; title: string };
type TSourceOption = { id: string; label: string };

/**
 * The queue's filters as a plain GET form: the state lives in the URL, so a filtered queue can be
 * shared, the dashboard can link to one, and the back button works.
 */
export function QueueFilters(props: { workspaceId: string; tab: TQueueTab; filters: TQueueFilters; documents: TOption[]; sources: TSourceOption[] }) {
  const { filters } = props;
  const filtered = Object.values(filters).some(Boolean);
  return (
    // Keyed by the filters, so the selects show the URL's values after each navigation.
    <form key={JSON.stringify(filters)} method="get" action="/queue" className="inline-form queue-filters" aria-label="Filters">
      <input type="hidden" name="workspace" value={props.workspaceId} />
      <input type="hidden" name="tab" value={props.tab} />
      <label htmlFor="queue-document">Document</label>
      <select id="queue-document" name="document" defaultValue={filters.document ?? ""}>
        <option value="">All documents</option>
        {props.documents.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </select>
      <label htmlFor="queue-source">Source</label>
      <select id="queue-source" name="source" defaultValue={filters.source ?? ""}>
        <option value="">All sources</option>
        <option value={NO_SOURCE}>No source yet</option>
        {props.sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      <label htmlFor="queue-status">Status</label>
      <select id="queue-status" name="status" defaultValue={filters.status ?? ""}>
        <option value="">All statuses</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_INFO[s].label}
          </option>
        ))}
      </select>
      <label htmlFor="queue-sign-off">Sign-off</label>
      <select id="queue-sign-off" name="signOff" defaultValue={filters.signOff ?? ""}>
        <option value="">Any</option>
        {SIGN_OFF_STATES.map((s) => (
          <option key={s} value={s}>
            {SIGN_OFF_INFO[s].label}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        Apply filters
      </button>
      {filtered && <Link href={queueHref({ workspace: props.workspaceId, tab: props.tab })}>Clear filters</Link>}
    </form>
  );
}
