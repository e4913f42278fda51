"use client";
import { useId, useState } from "react";
import { sourceLabel } from "@/lib/sources/label";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { shorten } from "@/lib/anchoring/selectors";
import { setChainAction } from "@/lib/annotations/actions";
import { MAX_CHAIN_HOPS, type TAnnotationView, type TChainHop } from "@/lib/annotations/schemas";
import type { TSource } from "@/lib/sources/schemas";

type THopDraft = { key: number; sourceId: string; locator: string; note: string };

let nextKey = 0;
const toDrafts = (chain: TChainHop[]): THopDraft[] => chain.map((h) => ({ key: nextKey++, sourceId: h.sourceId, locator: h.locator, note: h.note }));

/** Edits the chain as a whole and saves it against the annotation's version ("Save chain"). */
export function ChainEditor(props: { annotation: TAnnotationView; sources: TSource[]; onAnnotationChanged: (a: TAnnotationView) => void }) {
  const id = useId();
  const a = props.annotation;
  const [hops, setHops] = useState(() => toDrafts(a.chain));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [conflict, setConflict] = useState<TAnnotationView | null>(null);
  const [pending, setPending] = useState(false);

  const change = (i: number, patch: Partial<THopDraft>) => setHops((list) => list.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const move = (i: number, by: number) =>
    setHops((list) => {
      const next = [...list];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await setChainAction(a.id, { version: a.version, hops: hops.map(({ sourceId, locator, note }) => ({ sourceId, locator, note })) });
    setPending(false);
    setErrors(result.ok ? {} : (result.error.fields ?? {}));
    if (result.ok) {
      setConflict(null);
      setMessage({ text: "Chain saved", error: false });
      return props.onAnnotationChanged(result.data);
    }
    setMessage({ text: result.error.message, error: true });
    if (result.error.code === "CONFLICT" && result.error.current) setConflict(result.error.current as TAnnotationView);
  }

  function loadTheirs() {
    if (!conflict) return;
    setHops(toDrafts(conflict.chain));
    setConflict(null);
    setMessage(null);
    props.onAnnotationChanged(conflict);
  }

  return (
    <form className="stack chain-editor" noValidate aria-labelledby={`${id}-title`} onSubmit={save}>
      <h3 id={`${id}-title`}>Attribution chain</h3>
      <p className="hint">From this document back towards the original: whom the text quotes, whom they quote, and so on.</p>
      {hops.length === 0 && <p className="muted">No hops yet.</p>}
      {hops.map((hop, i) => (
        <fieldset key={hop.key} className="chain-hop" disabled={pending}>
          <legend>Hop {i + 1}</legend>
          <div className="field">
            <label htmlFor={`${id}-${hop.key}-source`}>Source</label>
            <select id={`${id}-${hop.key}-source`} value={hop.sourceId} onChange={(e) => change(i, { sourceId: e.target.value })} {...describedBy(`${id}-${hop.key}-source`, errors[`hops.${i}.sourceId`])}>
              <option value="">Choose a source…</option>
              {props.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {shorten(sourceLabel(s), 80)}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-${hop.key}-source`} message={errors[`hops.${i}.sourceId`]} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-${hop.key}-locator`}>Locator</label>
            <input id={`${id}-${hop.key}-locator`} value={hop.locator} onChange={(e) => change(i, { locator: e.target.value })} {...describedBy(`${id}-${hop.key}-locator`, errors[`hops.${i}.locator`])} />
            <FieldError id={`${id}-${hop.key}-locator`} message={errors[`hops.${i}.locator`]} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-${hop.key}-note`}>Note</label>
            <input id={`${id}-${hop.key}-note`} value={hop.note} onChange={(e) => change(i, { note: e.target.value })} {...describedBy(`${id}-${hop.key}-note`, errors[`hops.${i}.note`])} />
            <FieldError id={`${id}-${hop.key}-note`} message={errors[`hops.${i}.note`]} />
          </div>
          <div className="toolbar">
            <button type="button" className="button" aria-label={`Move hop ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑ Up
            </button>
            <button type="button" className="button" aria-label={`Move hop ${i + 1} down`} disabled={i === hops.length - 1} onClick={() => move(i, 1)}>
              ↓ Down
            </button>
            <button type="button" className="button danger" aria-label={`Remove hop ${i + 1}`} onClick={() => setHops((list) => list.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      {message && (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "hint"}>
          {message.text}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button" disabled={pending || hops.length >= MAX_CHAIN_HOPS} onClick={() => setHops((list) => [...list, { key: nextKey++, sourceId: "", locator: "", note: "" }])}>
          Add hop
        </button>
        {conflict ? (
          <button type="button" className="button" onClick={loadTheirs}>
            Load their version
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? "Saving…" : "Save chain"}
          </button>
        )}
      </div>
    </form>
  );
}
