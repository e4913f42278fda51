"use client";
import { useId } from "react";
import { SourceCombobox, type TSourceChoice } from "@/components/annotator/source-combobox";
import { describedBy, FieldError } from "@/components/ui/field-error";
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

/** The request fields of a draft; `sourceId: null` clears a source. */
export function draftPayload(d: TDraft): { sourceId?: string | null; source?: TInlineSource; locator: string; attributionText: string; status: TStatus; note: string } {
  const source = d.source.kind === "existing" ? { sourceId: d.source.sourceId } : d.source.kind === "new" ? { source: d.source.source } : { sourceId: null };
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
      <div className="field">
        <label htmlFor={`${id}-locator`}>Locator</label>
        <input id={`${id}-locator`} value={draft.locator} placeholder="pp. 169-172, 16 March 1992, para. 3" onChange={(e) => set({ locator: e.target.value })} {...describedBy(`${id}-locator`, errors.locator)} />
        <FieldError id={`${id}-locator`} message={errors.locator} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-attribution`}>Attribution wording</label>
        <input id={`${id}-attribution`} value={draft.attributionText} placeholder="How the text words it, e.g. “Le Mond reported”" onChange={(e) => set({ attributionText: e.target.value })} {...describedBy(`${id}-attribution`, errors.attributionText)} />
        <FieldError id={`${id}-attribution`} message={errors.attributionText} />
      </div>
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
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} rows={3} value={draft.note} onChange={(e) => set({ note: e.target.value })} {...describedBy(`${id}-note`, errors.note)} />
        <FieldError id={`${id}-note`} message={errors.note} />
      </div>
    </fieldset>
  );
}
