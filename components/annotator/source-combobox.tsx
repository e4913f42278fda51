"use client";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { formatAuthors, parseAuthors, SOURCE_KINDS, SOURCE_KIND_LABELS, type TInlineSource, type TSource, type TSourceKind } from "@/lib/sources/schemas";
import { TextField } from "@/components/ui/text-field";
import { sourceMatches } from "@/lib/sources/fold";

/** What the combobox chose: an existing source, a new one to create with the annotation, or none. */
export type TSourceChoice = { kind: "existing"; sourceId: string } | { kind: "new"; source: TInlineSource } | { kind: "none" };

type TOption = { key: string; label: string; detail?: string; choice: TSourceChoice | "create" };

const MAX_OPTIONS = 8;

/** The optional source fields the inline form does not ask for (the registry edits them). */
const EMPTY_SOURCE_FIELDS = { publisher: "", aliases: [], publisherPlace: "", page: "", isbn: "", doi: "", archivedUrl: "", language: "" };

/**
 * "Claimed source": a combobox (ARIA 1.2 pattern) over the workspace's sources, matching title,
 * author and alias while ignoring case, accents and Cyrillic look-alikes, with "Create source" inline.
 */
export function SourceCombobox(props: {
  sources: TSource[];
  initial: TSourceChoice;
  onChange: (choice: TSourceChoice) => void;
  errors?: Record<string, string>;
}) {
  const id = useId();
  const initialSource = props.initial.kind === "existing" ? props.sources.find((s) => s.id === (props.initial as { sourceId: string }).sourceId) : undefined;
  const [query, setQuery] = useState(initialSource?.title ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [choice, setChoice] = useState<TSourceChoice>(props.initial);
  const [draft, setDraft] = useState({ kind: "BOOK" as TSourceKind, title: "", authors: "", containerTitle: "", issued: "", url: "" });

  const options = useMemo<TOption[]>(() => {
    const q = query.trim();
    const matches = (q ? props.sources.filter((s) => sourceMatches(s, q)) : props.sources).slice(0, MAX_OPTIONS);
    const list: TOption[] = [{ key: "none", label: "No source yet", detail: "mark the span now, add its source later", choice: { kind: "none" } }];
    for (const s of matches) list.push({ key: s.id, label: s.title, detail: [formatAuthors(s.authors), s.issued].filter(Boolean).join(" · "), choice: { kind: "existing", sourceId: s.id } });
    list.push({ key: "create", label: q ? `Create source “${q}”` : "Create source", choice: "create" });
    return list;
  }, [query, props.sources]);

  function commit(next: TSourceChoice) {
    setChoice(next);
    props.onChange(next);
  }

  function updateDraft(patch: Partial<typeof draft>) {
    const next = { ...draft, ...patch };
    setDraft(next);
    commit({
      kind: "new",
      source: { ...EMPTY_SOURCE_FIELDS, kind: next.kind, title: next.title, authors: parseAuthors(next.authors), containerTitle: next.containerTitle, issued: next.issued, url: next.url },
    });
  }

  function pick(option: TOption) {
    setOpen(false);
    if (option.choice === "create") {
      const title = query.trim();
      setQuery("");
      updateDraft({ title });
      return;
    }
    setQuery(option.choice.kind === "existing" ? option.label : "");
    commit(option.choice);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  const listId = `${id}-list`;
  const err = props.errors ?? {};
  return (
    <div className="combobox">
      <label htmlFor={`${id}-input`}>Claimed source</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        value={query}
        placeholder="Search by title, author or alias"
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-hint`} className="hint">
        {choice.kind === "existing" ? `Chosen: ${query}` : choice.kind === "new" ? "A new source is created with the annotation." : "No source chosen."}
      </p>
      {open && (
        <ul id={listId} role="listbox" aria-label="Sources" className="listbox">
          {options.map((option, i) => (
            <li
              key={option.key}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
            >
              <span>{option.label}</span>
              {option.detail && <span className="muted"> — {option.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      {choice.kind === "new" && (
        <fieldset className="new-source">
          <legend>New source</legend>
          <div className="field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} value={draft.kind} onChange={(e) => updateDraft({ kind: e.target.value as TSourceKind })}>
              {SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {SOURCE_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <TextField id={`${id}-title`} label="Title" value={draft.title} error={err["source.title"]} onChange={(v: string) => updateDraft({ title: v })} />
          <div className="field">
            <label htmlFor={`${id}-authors`}>Authors</label>
            <textarea id={`${id}-authors`} rows={2} value={draft.authors} aria-describedby={`${id}-authors-hint`} onChange={(e) => updateDraft({ authors: e.target.value })} />
            <p id={`${id}-authors-hint`} className="hint">
              One per line: “Family, Given” for a person, or an organisation’s name.
            </p>
          </div>
          <TextField id={`${id}-container`} label="Container title" hint="Newspaper, journal or series" value={draft.containerTitle} onChange={(v: string) => updateDraft({ containerTitle: v })} />
          <TextField id={`${id}-issued`} label="Date" hint="1992, 1992-03 or 1992-03-16" value={draft.issued} error={err["source.issued"]} onChange={(v: string) => updateDraft({ issued: v })} />
          <TextField id={`${id}-url`} label="URL" value={draft.url} error={err["source.url"]} onChange={(v: string) => updateDraft({ url: v })} />
        </fieldset>
      )}
    </div>
  );
}
