"use client";
import { useId } from "react";
import { SourceCombobox, type TSourceChoice } from "@/components/annotator/source-combobox";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/text-field";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import type { TInlineSource, TSource } from "@/lib/sources/schemas";
import { STATUSES, STATUS_INFO, type TStatus } from "@/lib/statuses";

export type TDraft = { source: TSourceChoice; locator: string; attributionText: string; status: TStatus; note: string };

export const emptyDraft = (): TDraft => ({ source: { kind: "none" }, locator: "", attributionText: "", status: "UNVERIFIED", note: "" });

export function draftFrom(a: TAnnotationView): TDraft {
  return {
    source: a.source ? { kind: "existing", sourceId: a.source.id } : { kind: "none" },
    locator: a.locator,
    attributionText: a.attributionText,
    status: a.status,
    note: a.note,
  };
}

/**
 * Why the draft may not be saved yet: text typed as the claimed source and not chosen. A form asks
 * this before saving; were one not to, the empty sourceId sent below is refused by the server.
 */
export function sourceQuestion(d: TDraft): string | null {
  if (d.source.kind !== "unresolved") return null;
  return d.source.sourceIds.length ? `Choose the source you meant by “${d.source.text}”, or “No source yet”.` : `Create “${d.source.text}” as a source, or choose “No source yet”.`;
}

/** The request fields of a draft; `sourceId: null` clears a source. */
export function draftPayload(d: TDraft): { sourceId?: string | null; source?: TInlineSource; locator: string; attributionText: string; status: TStatus; note: string } {
  const chosen = d.source.kind === "existing" ? { sourceId: d.source.sourceId } : d.source.kind === "new" ? { source: d.source.source } : { sourceId: null };
  const source = d.source.kind === "unresolved" ? { sourceId: "" } : chosen;
  return { ...source, locator: d.locator, attributionText: d.attributionText, status: d.status, note: d.note };
}

/** Claimed source, Locator, Attribution wording, Verification status and Note, for create and edit alike. */
export function AnnotationFields(props: { draft: TDraft; onChange: (d: TDraft) => void; sources: TSource[]; errors: Record<string, string>; disabled?: boolean }) {
  const id = useId();
  const { draft, errors } = props;
  const set = (patch: Partial<TDraft>) => props.onChange({ ...draft, ...patch });
  return (
    <fieldset className="stack annotation-fields" disabled={props.disabled}>
      <SourceCombobox sources={props.sources} initial={draft.source} errors={errors} onChange={(source) => set({ source })} />
      <FieldError id={`${id}-sourceId`} message={errors.sourceId} />
      <TextField id={`${id}-locator`} label="Locator" placeholder="pp. 169-172, 16 March 1992, para. 3" value={draft.locator} onChange={(locator) => set({ locator })} error={errors.locator} />
      <TextField
        id={`${id}-attribution`}
        label="Attribution wording"
        placeholder="How the text words it, e.g. “Le Mond reported”"
        value={draft.attributionText}
        onChange={(attributionText) => set({ attributionText })}
        error={errors.attributionText}
      />
      <div className="field">
        <label htmlFor={`${id}-status`}>Verification status</label>
        <select id={`${id}-status`} value={draft.status} onChange={(e) => set({ status: e.target.value as TStatus })} aria-describedby={`${id}-status-meaning`} {...describedBy(`${id}-status`, errors.status)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_INFO[s].symbol} {STATUS_INFO[s].label}
            </option>
          ))}
        </select>
        <p id={`${id}-status-meaning`} className="hint">
          {STATUS_INFO[draft.status].meaning}
        </p>
        <FieldError id={`${id}-status`} message={errors.status} />
      </div>
      <TextField id={`${id}-note`} label="Note" rows={3} value={draft.note} onChange={(note) => set({ note })} error={errors.note} />
    </fieldset>
  );
}
