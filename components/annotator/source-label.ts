import { formatAuthors } from "@/lib/sources/authors";
import type { TSource } from "@/lib/sources/schemas";

/** "Title · Authors · Issued": how the reading view names a source. Free of zod (only types from the schemas). */
export function sourceLabel(source: Pick<TSource, "title" | "authors" | "issued">): string {
  const authors = formatAuthors(source.authors);
  return [source.title, authors, source.issued].filter(Boolean).join(" · ");
}
