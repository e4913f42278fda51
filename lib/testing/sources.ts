import type { TSource } from "@/lib/sources/schemas";

let seq = 0;

/** A stored source for pure tests: every field empty but those given. */
export function testSource(fields: Partial<TSource> & Pick<TSource, "title">): TSource {
  seq += 1;
  return {
    id: `src${seq}`,
    workspaceId: "ws",
    kind: "OTHER",
    authors: [],
    containerTitle: "",
    publisher: "",
    issued: "",
    url: "",
    aliases: [],
    publisherPlace: "",
    page: "",
    isbn: "",
    doi: "",
    archivedUrl: "",
    language: "",
    version: 1,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
    ...fields,
  };
}
