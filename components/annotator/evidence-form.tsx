"use client";
import { useId, useState } from "react";
import { sourceLabel } from "@/lib/sources/label";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/text-field";
import { shorten } from "@/lib/anchoring/selectors";
import { addEvidenceAction, updateEvidenceAction } from "@/lib/evidence/actions";
import { STANCES, STANCE_INFO, type TEvidence, type TEvidenceChange, type TStance } from "@/lib/evidence/schemas";
import type { TSource } from "@/lib/sources/schemas";

type TEvidenceDraft = {
  sourceId: string;
  locator: string;
  passage: string;
  passageTranslation: string;
  url: string;
  archivedUrl: string;
  accessedOn: string;
  stance: TStance | "";
  note: string;
};

function draftOf(e: TEvidence | undefined, defaultSourceId: string | null): TEvidenceDraft {
  return {
    sourceId: e ? (e.sourceId ?? "") : (defaultSourceId ?? ""),
    locator: e?.locator ?? "",
    passage: e?.passage ?? "",
    passageTranslation: e?.passageTranslation ?? "",
    url: e?.url ?? "",
    archivedUrl: e?.archivedUrl ?? "",
    accessedOn: e?.accessedOn ?? "",
    stance: e?.stance ?? "",
    note: e?.note ?? "",
  };
}

const TEXT_FIELDS = [
  { key: "locator", label: "Locator", placeholder: "p. 172, para. 3, 00:14:05" },
  { key: "url", label: "URL", placeholder: "https://" },
  { key: "archivedUrl", label: "Archived URL", placeholder: "https://web.archive.org/…" },
] as const;

/**
 * Adds an evidence item, or edits one (`evidence` given, against its version). The source list
 * starts on the annotation's claimed source, which is what a reviewer usually checks first.
 */
export function EvidenceForm(props: {
  annotationId: string;
  evidence?: TEvidence;
  defaultSourceId: string | null;
  sources: TSource[];
  onSaved: (change: TEvidenceChange) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(props.evidence, props.defaultSourceId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (patch: Partial<TEvidenceDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    // An unchosen stance is sent as missing, so the server names the field.
    const { stance, sourceId, ...rest } = draft;
    const body = { ...rest, sourceId: sourceId || null, ...(stance ? { stance } : {}) };
    setPending(true);
    const result = props.evidence ? await updateEvidenceAction(props.evidence.id, { version: props.evidence.version, ...body }) : await addEvidenceAction(props.annotationId, body);
    setPending(false);
    if (result.ok) return props.onSaved(result.data);
    setErrors(result.error.fields ?? {});
    setMessage(result.error.code === "CONFLICT" ? `${result.error.message}. Cancel to see the current version.` : result.error.message);
  }

  const label = props.evidence ? "Edit evidence" : "Add evidence";
  return (
    <form className="stack evidence-form" noValidate aria-label={label} onSubmit={save}>
      <fieldset className="stack annotation-fields" disabled={pending}>
        <fieldset className="stance-choice" {...describedBy(`${id}-stance`, errors.stance)}>
          <legend>Stance</legend>
          {STANCES.map((s) => (
            <label key={s}>
              <input type="radio" name={`${id}-stance`} value={s} checked={draft.stance === s} onChange={() => set({ stance: s })} />{" "}
              <span aria-hidden="true">{STANCE_INFO[s].symbol}</span> {STANCE_INFO[s].label}
            </label>
          ))}
          <FieldError id={`${id}-stance`} message={errors.stance} />
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-source`}>Source</label>
          <select id={`${id}-source`} value={draft.sourceId} onChange={(e) => set({ sourceId: e.target.value })} {...describedBy(`${id}-source`, errors.sourceId)}>
            <option value="">No source</option>
            {props.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {shorten(sourceLabel(s), 80)}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-source`} message={errors.sourceId} />
        </div>
        <TextField id={`${id}-passage`} label="Passage" rows={3} value={draft.passage} onChange={(v) => set({ passage: v })} hint="The words found in the source, in its language." error={errors.passage} />
        <TextField id={`${id}-translation`} label="Translation" rows={2} value={draft.passageTranslation} onChange={(v) => set({ passageTranslation: v })} error={errors.passageTranslation} />
        {TEXT_FIELDS.map((f) => (
          <TextField key={f.key} id={`${id}-${f.key}`} label={f.label} placeholder={f.placeholder} value={draft[f.key]} onChange={(v) => set({ [f.key]: v })} error={errors[f.key]} />
        ))}
        <TextField id={`${id}-accessed`} label="Accessed on" type="date" value={draft.accessedOn} onChange={(v) => set({ accessedOn: v })} error={errors.accessedOn} />
        <TextField id={`${id}-note`} label="Note" rows={2} value={draft.note} onChange={(v) => set({ note: v })} error={errors.note} />
      </fieldset>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? "Saving…" : "Save evidence"}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
