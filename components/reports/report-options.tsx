import { STATUSES, STATUS_INFO } from "@/lib/statuses";
import type { TReportOptions } from "@/lib/reports/schemas";

/**
 * The report's options as a GET form, so every choice is a URL to share or bookmark. Each flag
 * sends a hidden 0 before its checkbox's 1: an unticked box still says "0", a ticked one wins.
 */
export function ReportOptions(props: {
  action: string;
  options: TReportOptions;
  keep?: Record<string, string>;
  documents?: { id: string; title: string; chosen: boolean }[];
}) {
  const { options } = props;
  return (
    <form method="get" action={props.action} className="rp-options" aria-label="Report options">
      {Object.entries(props.keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.documents && (
        <fieldset>
          <legend>Documents</legend>
          {props.documents.length === 0 && <p className="hint">This workspace has no documents yet.</p>}
          {props.documents.map((d) => (
            <label key={d.id} className="rp-check">
              <input type="checkbox" name="documents" value={d.id} defaultChecked={d.chosen} /> {d.title}
            </label>
          ))}
          <p className="hint">None ticked reports them all.</p>
        </fieldset>
      )}
      <fieldset>
        <legend>Statuses</legend>
        {STATUSES.map((s) => (
          <label key={s} className="rp-check">
            <input type="checkbox" name="statuses" value={s} defaultChecked={!options.statuses || options.statuses.includes(s)} />{" "}
            <span aria-hidden="true">{STATUS_INFO[s].symbol}</span> {STATUS_INFO[s].label}
          </label>
        ))}
        <p className="hint">None ticked shows every status.</p>
      </fieldset>
      <fieldset>
        <legend>Include</legend>
        <input type="hidden" name="text" value="0" />
        <label className="rp-check">
          <input type="checkbox" name="text" value="1" defaultChecked={options.includeText} /> Full text with numbered spans
        </label>
        <input type="hidden" name="comments" value="0" />
        <label className="rp-check">
          <input type="checkbox" name="comments" value="1" defaultChecked={options.includeComments} /> Comments
        </label>
      </fieldset>
      <div>
        <button type="submit" className="button primary">
          Update report
        </button>
      </div>
    </form>
  );
}
