"use client";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/text-field";
import { parseAuthors, SOURCE_KINDS, SOURCE_KIND_LABELS, type TInlineSource, type TSourceKind } from "@/lib/sources/schemas";

/** The inline form's fields as typed; `kind` is "" until guessed or chosen. */
export type TSourceDraft = { kind: TSourceKind | ""; title: string; authors: string; containerTitle: string; publisher: string; issued: string; url: string };

export const emptySourceDraft = (): TSourceDraft => ({ kind: "", title: "", authors: "", containerTitle: "", publisher: "", issued: "", url: "" });

/** The optional source fields the inline form does not ask for (the registry edits them). */
const UNASKED = { aliases: [], publisherPlace: "", page: "", isbn: "", doi: "", archivedUrl: "", language: "" };

/**
 * The source to send. A kind not chosen yet goes as "" so that the server answers "Choose a kind
 * of source" on the Kind field rather than the form assuming one.
 */
export function inlineSource(d: TSourceDraft): TInlineSource {
  return { ...UNASKED, kind: d.kind as TSourceKind, title: d.title, authors: parseAuthors(d.authors), containerTitle: d.containerTitle, publisher: d.publisher, issued: d.issued, url: d.url };
}

type TLabels = { title: string; authors: string; authorsHint: string; container?: [label: string, hint: string]; publisher: boolean };

const PEOPLE_HINT = "One per line: “Family, Given” for a person, or an organisation’s name.";
const ARTICLE: TLabels = { title: "Headline", authors: "Authors", authorsHint: PEOPLE_HINT, container: ["Outlet", "The newspaper, magazine or agency"], publisher: true };

/** What each kind of source asks for, in the words its readers use. */
const LABELS: Record<TSourceKind | "", TLabels> = {
  "": { title: "Title", authors: "Authors", authorsHint: PEOPLE_HINT, container: ["Container title", "Newspaper, journal or series"], publisher: true },
  NEWS_ARTICLE: ARTICLE,
  MAGAZINE_ARTICLE: ARTICLE,
  BOOK: { title: "Title", authors: "Authors", authorsHint: PEOPLE_HINT, publisher: true },
  REPORT: { title: "Title", authors: "Issued by", authorsHint: "The organisation, or the authors, one per line", publisher: true },
  LEGAL_DOCUMENT: { title: "Title, with its number", authors: "Issuing body", authorsHint: "For example: UN Security Council", publisher: false },
  INTERVIEW_OR_STATEMENT: { title: "Title", authors: "Speaker", authorsHint: PEOPLE_HINT, container: ["Published in", "Where it appeared"], publisher: false },
  SPEECH: { title: "Title", authors: "Speaker", authorsHint: PEOPLE_HINT, container: ["Occasion", "Where it was given"], publisher: false },
  VIDEO: { title: "Title", authors: "Authors", authorsHint: PEOPLE_HINT, container: ["Channel or programme", "Where it was shown"], publisher: true },
  WEBSITE: { title: "Title", authors: "Authors", authorsHint: PEOPLE_HINT, container: ["Site", "The website’s name"], publisher: true },
  OTHER: { title: "Title", authors: "Authors", authorsHint: PEOPLE_HINT, container: ["Container title", "Newspaper, journal or series"], publisher: true },
};

/** "New source": the fields the chosen kind needs, with the kind's guess explained. */
export function NewSourceFields(props: { id: string; draft: TSourceDraft; guessedFrom: string | null; errors: Record<string, string>; onChange: (patch: Partial<TSourceDraft>) => void }) {
  const { id, draft, errors: err } = props;
  const labels = LABELS[draft.kind];
  return (
    <fieldset className="new-source">
      <legend>New source</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select
          id={`${id}-kind`}
          value={draft.kind}
          onChange={(e) => props.onChange({ kind: e.target.value as TSourceKind })}
          aria-invalid={err["source.kind"] ? true : undefined}
          aria-describedby={[props.guessedFrom ? `${id}-kind-hint` : "", describedBy(`${id}-kind`, err["source.kind"])["aria-describedby"] ?? ""].filter(Boolean).join(" ") || undefined}
        >
          {draft.kind === "" && <option value="">Choose a kind…</option>}
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {SOURCE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        {props.guessedFrom && (
          <p id={`${id}-kind-hint`} className="hint">
            Guessed from “{props.guessedFrom}”; change it if it is wrong.
          </p>
        )}
        <FieldError id={`${id}-kind`} message={err["source.kind"]} />
      </div>
      <TextField id={`${id}-title`} label={labels.title} value={draft.title} error={err["source.title"]} onChange={(title: string) => props.onChange({ title })} />
      {labels.container && <TextField id={`${id}-container`} label={labels.container[0]} hint={labels.container[1]} value={draft.containerTitle} onChange={(containerTitle: string) => props.onChange({ containerTitle })} />}
      <TextField id={`${id}-authors`} label={labels.authors} hint={labels.authorsHint} rows={2} value={draft.authors} onChange={(authors: string) => props.onChange({ authors })} />
      {labels.publisher && <TextField id={`${id}-publisher`} label="Publisher" value={draft.publisher} error={err["source.publisher"]} onChange={(publisher: string) => props.onChange({ publisher })} />}
      <TextField id={`${id}-issued`} label="Date" hint="1992, 1992-03 or 1992-03-16" value={draft.issued} error={err["source.issued"]} onChange={(issued: string) => props.onChange({ issued })} />
      <TextField id={`${id}-url`} label="URL" value={draft.url} error={err["source.url"]} onChange={(url: string) => props.onChange({ url })} />
    </fieldset>
  );
}
