"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { DOCUMENT_FORMAT_LABELS, type TDocumentFormat, type TDocumentMetadata } from "@/lib/documents/schemas";
import { formatBytes } from "@/lib/intake/limits";

export type TProvenanceView = {
  format: TDocumentFormat;
  metadata: TDocumentMetadata;
  metadataVersion: number;
  original: { sha256: string; size: number; mediaType: string } | null;
  pages: { number: number; start: number }[] | null;
};

type TFields = Record<"authors" | "publisher" | "datePublished" | "originalUrl" | "retrievedAt" | "archivedUrl" | "language", string>;

function fieldsOf(p: TProvenanceView): TFields {
  const m = p.metadata;
  return {
    authors: m.authors.join("\n"),
    publisher: m.publisher ?? "",
    datePublished: m.datePublished ?? "",
    originalUrl: m.originalUrl ?? "",
    retrievedAt: m.retrievedAt ?? "",
    archivedUrl: m.archivedUrl ?? "",
    language: m.language ?? "",
  };
}

const LABELS: Record<keyof TFields, string> = {
  authors: "Authors (one a line)",
  publisher: "Publisher or site",
  datePublished: "Date published (YYYY, YYYY-MM or YYYY-MM-DD)",
  originalUrl: "Original address",
  retrievedAt: "Retrieved (date and time, UTC)",
  archivedUrl: "Archived copy",
  language: "Language (e.g. en)",
};

function ExternalLink({ href }: { href: string }) {
  return (
    <a href={href} rel="noopener noreferrer nofollow" target="_blank">
      {href}
    </a>
  );
}

/**
 * The document's own provenance: where it was taken from, who wrote and published it, the original
 * file to download; editable by editors against the version they opened (409: someone else saved).
 */
export function DocumentProvenance({ documentId, provenance, canEdit }: { documentId: string; provenance: TProvenanceView; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [fields, setFields] = useState<TFields>(() => fieldsOf(provenance));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);
  const { metadata: m, original } = provenance;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const body = {
      metadataVersion: provenance.metadataVersion,
      authors: fields.authors.split("\n").map((a) => a.trim()).filter(Boolean),
      publisher: fields.publisher,
      datePublished: fields.datePublished,
      originalUrl: fields.originalUrl,
      retrievedAt: fields.retrievedAt,
      archivedUrl: fields.archivedUrl,
      language: fields.language,
    };
    const response = await fetch(`/api/v1/documents/${encodeURIComponent(documentId)}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    setPending(false);
    if (response.ok) {
      setEditing(false);
      setErrors({});
      setMessage(undefined);
      router.refresh();
      return;
    }
    const answer = (await response.json().catch(() => null)) as { error?: { message: string; fields?: Record<string, string>; current?: TProvenanceView } } | null;
    setErrors(answer?.error?.fields ?? {});
    if (response.status === 409 && answer?.error?.current) {
      // Someone saved first: show what they saved; the reader's own edit stays in the form to re-apply.
      setMessage(`${answer.error.message}. Their version is shown above; save again to replace it with yours.`);
      router.refresh();
    } else setMessage(answer?.error?.message ?? `The server answered ${response.status}`);
  }

  const rows: [string, React.ReactNode][] = [
    ["Format", `${DOCUMENT_FORMAT_LABELS[provenance.format]}${provenance.pages ? `, ${provenance.pages.length.toLocaleString("en-US")} pages` : ""}`],
    ...(m.authors.length ? ([["Authors", m.authors.join("; ")]] as [string, React.ReactNode][]) : []),
    ...(m.publisher ? ([["Publisher or site", m.publisher]] as [string, React.ReactNode][]) : []),
    ...(m.datePublished ? ([["Published", m.datePublished]] as [string, React.ReactNode][]) : []),
    ...(m.originalUrl ? ([["Original address", <ExternalLink key="u" href={m.originalUrl} />]] as [string, React.ReactNode][]) : []),
    ...(m.retrievedAt ? ([["Retrieved", `${m.retrievedAt.replace("T", " ").slice(0, 16)} UTC`]] as [string, React.ReactNode][]) : []),
    ...(m.archivedUrl ? ([["Archived copy", <ExternalLink key="a" href={m.archivedUrl} />]] as [string, React.ReactNode][]) : []),
    ...(m.language ? ([["Language", m.language]] as [string, React.ReactNode][]) : []),
  ];

  return (
    <details className="document-provenance">
      <summary>Provenance</summary>
      <dl className="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {original && (
          <div>
            <dt>Original file</dt>
            <dd>
              <a href={`/api/v1/documents/${encodeURIComponent(documentId)}/original`} download>
                Download the original
              </a>{" "}
              ({formatBytes(original.size)}, {original.mediaType}, SHA-256 <code title={original.sha256}>{original.sha256.slice(0, 12)}…</code>)
            </dd>
          </div>
        )}
      </dl>
      {canEdit && !editing && (
        <button type="button" className="button" onClick={() => (setFields(fieldsOf(provenance)), setEditing(true))}>
          Edit details
        </button>
      )}
      {editing && (
        <form className="stack provenance-form" onSubmit={save} noValidate aria-label="Document details">
          {(Object.keys(LABELS) as (keyof TFields)[]).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`provenance-${name}`}>{LABELS[name]}</label>
              {name === "authors" ? (
                <textarea id={`provenance-${name}`} rows={3} value={fields[name]} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} {...describedBy(`provenance-${name}`, errors[name])} />
              ) : (
                <input id={`provenance-${name}`} value={fields[name]} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} {...describedBy(`provenance-${name}`, errors[name] ?? errors[`${name}.0`])} />
              )}
              <FieldError id={`provenance-${name}`} message={errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1]} />
            </div>
          ))}
          {message && (
            <p role="alert" className="error">
              {message}
            </p>
          )}
          <div className="form-footer">
            <button type="submit" className="button primary" disabled={pending}>
              {pending ? "Saving…" : "Save details"}
            </button>
            <button type="button" className="button" onClick={() => (setEditing(false), setErrors({}), setMessage(undefined))}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </details>
  );
}
