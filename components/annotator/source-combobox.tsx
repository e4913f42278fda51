"use client";
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { emptySourceDraft, inlineSource, NewSourceFields, type TSourceDraft } from "@/components/annotator/new-source-fields";
import { SourceQuestion } from "@/components/annotator/source-question";
import { foldForSearch, sourceMatches } from "@/lib/sources/fold";
import { guessSourceKind } from "@/lib/sources/guess-kind";
import { sourceLabel } from "@/lib/sources/label";
import { SOURCE_KIND_LABELS, type TInlineSource, type TSource } from "@/lib/sources/schemas";

/**
 * What the combobox chose: an existing source, a new one to create with the annotation, none, or
 * not yet (text typed and left without a choice: the form asks which source was meant).
 */
export type TSourceChoice =
  | { kind: "existing"; sourceId: string }
  | { kind: "new"; source: TInlineSource }
  | { kind: "none" }
  | { kind: "unresolved"; text: string; sourceIds: string[] };

type TOption = { key: string; label: string; detail?: string; choice: TSourceChoice | "create" };

const MAX_OPTIONS = 8;

function matchingSources(sources: TSource[], query: string): TSource[] {
  return query.trim() ? sources.filter((s) => sourceMatches(s, query)) : sources;
}

/**
 * "Claimed source": a combobox (ARIA 1.2, list autocomplete with automatic selection) over the
 * workspace's sources, matching title, outlet, author and alias while ignoring case, accents and
 * Cyrillic look-alikes, with "Create source" inline. Typing highlights the first match: Enter
 * accepts it, Tab accepts it and moves on, Escape closes the list and then clears the text.
 */
export function SourceCombobox(props: { sources: TSource[]; initial: TSourceChoice; onChange: (choice: TSourceChoice) => void; errors?: Record<string, string> }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const initialSource = props.initial.kind === "existing" ? props.sources.find((s) => s.id === (props.initial as { sourceId: string }).sourceId) : undefined;
  const [query, setQuery] = useState(initialSource ? sourceLabel(initialSource) : "");
  const [open, setOpen] = useState(false);
  // The close that follows a blur waits a moment (a click on an option lands first); coming back or
  // typing within that moment cancels it, or it would shut the list the reader has just reopened.
  const closing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepOpen = () => {
    if (closing.current) clearTimeout(closing.current);
    closing.current = null;
    setOpen(true);
  };
  // -1: no option highlighted (the list opened on focus, before any typing or arrow key).
  const [active, setActive] = useState(-1);
  const [choice, setChoice] = useState<TSourceChoice>(props.initial);
  const [draft, setDraft] = useState<TSourceDraft>(emptySourceDraft);
  const [guessedFrom, setGuessedFrom] = useState<string | null>(null);

  const outlets = useMemo(() => props.sources.map((s) => s.containerTitle).filter(Boolean), [props.sources]);
  const options = useMemo<TOption[]>(() => {
    const q = query.trim();
    const none: TOption = { key: "none", label: "No source yet", detail: "mark the span now, add its source later", choice: { kind: "none" } };
    const create: TOption = { key: "create", label: q ? `Create source “${q}”` : "Create source", choice: "create" };
    const matches = matchingSources(props.sources, q)
      .slice(0, MAX_OPTIONS)
      .map((s): TOption => ({ key: s.id, label: sourceLabel(s), detail: SOURCE_KIND_LABELS[s.kind], choice: { kind: "existing", sourceId: s.id } }));
    // With a search, its matches come first, so that the highlighted first option is a match.
    return q ? [...matches, create, none] : [none, ...matches, create];
  }, [query, props.sources]);

  function commit(next: TSourceChoice) {
    setChoice(next);
    props.onChange(next);
  }

  function updateDraft(patch: Partial<TSourceDraft>) {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (patch.kind) setGuessedFrom(null);
    commit({ kind: "new", source: inlineSource(next) });
  }

  function create(text: string) {
    const guess = guessSourceKind(text, outlets);
    // Only an outlet's name typed: the headline is still to come.
    const title = guess?.outlet && foldForSearch(guess.outlet).endsWith(foldForSearch(text)) ? "" : text;
    setQuery("");
    setGuessedFrom(guess ? guess.because : null);
    const next: TSourceDraft = { ...draft, title, kind: guess?.kind ?? "", containerTitle: guess?.outlet ?? draft.containerTitle };
    setDraft(next);
    commit({ kind: "new", source: inlineSource(next) });
  }

  function pick(option: TOption) {
    setOpen(false);
    setActive(-1);
    if (option.choice === "create") return create(query.trim());
    const chosen = option.choice.kind === "existing" ? props.sources.find((s) => s.id === (option.choice as { sourceId: string }).sourceId) : undefined;
    setQuery(chosen ? sourceLabel(chosen) : "");
    commit(option.choice);
  }

  /** What typed text means until an option is picked: nothing when empty, else a question. */
  function typed(text: string) {
    setQuery(text);
    keepOpen();
    setActive(text.trim() ? 0 : -1);
    commit(text.trim() ? { kind: "unresolved", text: text.trim(), sourceIds: matchingSources(props.sources, text).map((s) => s.id) } : { kind: "none" });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (open ? Math.min(a + 1, options.length - 1) : Math.max(a, 0)));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === "Enter" && open) {
      // Enter accepts the highlighted option; with none highlighted it only closes the list.
      event.preventDefault();
      if (active >= 0) pick(options[active]);
      else setOpen(false);
    } else if (event.key === "Tab" && open) {
      // Tab moves on (never prevented), taking the highlighted option when there is one.
      if (active >= 0) pick(options[active]);
      else setOpen(false);
    } else if (event.key === "Escape" && (open || query)) {
      // Escape closes the list, then clears the text; it does not close the dialog meanwhile.
      event.preventDefault();
      event.stopPropagation();
      if (!open) typed("");
      setOpen(false);
    }
  }

  function resolve(option: TOption) {
    pick(option);
    input.current?.focus();
    setOpen(false);
  }

  const listId = `${id}-list`;
  const chosenSource = choice.kind === "existing" ? props.sources.find((s) => s.id === choice.sourceId) : undefined;
  return (
    <div className="combobox">
      <label htmlFor={`${id}-input`}>Claimed source</label>
      <input
        ref={input}
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        value={query}
        placeholder="Search by title, outlet, author or alias"
        autoComplete="off"
        onChange={(e) => typed(e.target.value)}
        onFocus={keepOpen}
        onBlur={() => (closing.current = setTimeout(() => setOpen(false), 150))}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-hint`} className="hint">
        {chosenSource ? `Chosen: ${sourceLabel(chosenSource)}` : choice.kind === "new" ? "A new source is created with the annotation." : choice.kind === "unresolved" ? "Not chosen yet." : "No source chosen."}
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
      {choice.kind === "unresolved" && !open && (
        <SourceQuestion
          id={`${id}-question`}
          text={choice.text}
          sources={choice.sourceIds.flatMap((sid) => props.sources.filter((s) => s.id === sid)).slice(0, MAX_OPTIONS)}
          onExisting={(s) => resolve({ key: s.id, label: sourceLabel(s), choice: { kind: "existing", sourceId: s.id } })}
          onCreate={() => resolve(options.find((o) => o.key === "create")!)}
          onNone={() => resolve(options.find((o) => o.key === "none")!)}
        />
      )}
      {choice.kind === "new" && <NewSourceFields id={id} draft={draft} guessedFrom={guessedFrom} errors={props.errors ?? {}} onChange={updateDraft} />}
    </div>
  );
}
