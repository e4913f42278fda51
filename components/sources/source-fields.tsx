import { formatAuthors, SOURCE_KIND_LABELS, type TSource } from "@/lib/sources/schemas";

const isWebAddress = (value: string) => /^https?:\/\//i.test(value);

/** A source's recorded fields, the empty ones left out. */
export function SourceFields({ source }: { source: TSource }) {
  const rows: [string, string][] = [
    ["Kind", SOURCE_KIND_LABELS[source.kind]],
    ["Authors", formatAuthors(source.authors)],
    ["Container title", source.containerTitle],
    ["Publisher", source.publisher],
    ["Publisher place", source.publisherPlace],
    ["Date issued", source.issued],
    ["Page or section", source.page],
    ["ISBN", source.isbn],
    ["DOI", source.doi],
    ["URL", source.url],
    ["Archived URL", source.archivedUrl],
    ["Language", source.language],
    ["Aliases", source.aliases.join("; ")],
  ];
  return (
    <dl className="source-fields">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              {isWebAddress(value) ? (
                <a href={value} rel="noopener noreferrer nofollow">
                  {value}
                </a>
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
    </dl>
  );
}
