import { describedBy, FieldError } from "@/components/ui/field-error";
import { formatAuthors, parseAuthors, SOURCE_KINDS, SOURCE_KIND_LABELS, type TSource } from "@/lib/sources/schemas";

type TTextField = { name: keyof TSource & string; label: string; hint?: string; type?: "url" };

const TEXT_FIELDS: TTextField[] = [
  { name: "containerTitle", label: "Container title", hint: "Newspaper, journal, website or series" },
  { name: "publisher", label: "Publisher" },
  { name: "publisherPlace", label: "Publisher place" },
  { name: "issued", label: "Date issued", hint: "A year (1992), a month (1992-03) or a date (1992-03-16)" },
  { name: "page", label: "Page or section", hint: "Pages within the container, e.g. 12-14" },
  { name: "isbn", label: "ISBN" },
  { name: "doi", label: "DOI" },
  { name: "url", label: "URL", type: "url" },
  { name: "archivedUrl", label: "Archived URL", hint: "A copy in a web archive", type: "url" },
  { name: "language", label: "Language", hint: "A language code such as en, ru or az" },
];

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The form's values as ZCreateSource / ZUpdateSource fields. */
export function sourceInputFrom(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    kind: text("kind"),
    title: text("title"),
    authors: parseAuthors(text("authors")),
    aliases: lines(text("aliases")),
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, text(f.name)])),
  };
}

/** The first message of a field or of any of its items ("authors.0.family" counts for authors). */
function messageFor(fields: Record<string, string>, name: string): string | undefined {
  return fields[name] ?? Object.entries(fields).find(([key]) => key.startsWith(`${name}.`))?.[1];
}

function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={`${id}-hint`} className="hint">
      {text}
    </p>
  ) : null;
}

/** Every field of a source, with its inline message; values from `source` (blank for a new one). */
export function SourceFormFields({ source, fields }: { source: TSource | null; fields: Record<string, string> }) {
  const aria = (id: string, hasHint = false) => {
    const message = messageFor(fields, id);
    const described = [hasHint ? `${id}-hint` : "", message ? `${id}-error` : ""].filter(Boolean).join(" ");
    return { ...describedBy(id, message), ...(described ? { "aria-describedby": described } : {}) };
  };
  return (
    <>
      <div className="field">
        <label htmlFor="kind">Kind</label>
        <select id="kind" name="kind" defaultValue={source?.kind ?? "BOOK"} {...aria("kind")}>
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {SOURCE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <FieldError id="kind" message={messageFor(fields, "kind")} />
      </div>
      <div className="field">
        <label htmlFor="title">Title</label>
        <input id="title" name="title" defaultValue={source?.title ?? ""} maxLength={500} {...aria("title")} />
        <FieldError id="title" message={messageFor(fields, "title")} />
      </div>
      <div className="field">
        <label htmlFor="authors">Authors</label>
        <textarea id="authors" name="authors" rows={3} defaultValue={source ? source.authors.map((a) => formatAuthors([a])).join("\n") : ""} {...aria("authors", true)} />
        <Hint id="authors" text="One per line: “Family, Given” for a person (de Waal, Thomas), or an organisation’s name." />
        <FieldError id="authors" message={messageFor(fields, "authors")} />
      </div>
      {TEXT_FIELDS.map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={f.name}>{f.label}</label>
          <input id={f.name} name={f.name} type={f.type ?? "text"} defaultValue={source ? String(source[f.name]) : ""} {...aria(f.name, Boolean(f.hint))} />
          <Hint id={f.name} text={f.hint} />
          <FieldError id={f.name} message={messageFor(fields, f.name)} />
        </div>
      ))}
      <div className="field">
        <label htmlFor="aliases">Aliases</label>
        <textarea id="aliases" name="aliases" rows={3} defaultValue={source?.aliases.join("\n") ?? ""} {...aria("aliases", true)} />
        <Hint id="aliases" text="Other names under which texts cite it, one per line (“Le Mond”)." />
        <FieldError id="aliases" message={messageFor(fields, "aliases")} />
      </div>
    </>
  );
}
