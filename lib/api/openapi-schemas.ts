import { z } from "zod";
import { EVENT_TYPES } from "@/lib/annotations/history";
import { DOCUMENT_FORMATS } from "@/lib/documents/schemas";
import { ERROR_STATUS } from "@/lib/errors";
import { STANCES } from "@/lib/evidence/schemas";
import { EXPORT_JOB_STATES } from "@/lib/exports/schemas";
import { ANNOTATION_IMPORT_FORMATS, IMPORT_STATES } from "@/lib/imports/schemas";
import { INBOX_KINDS } from "@/lib/notifications/schemas";
import { EXPORT_FORMATS } from "@/lib/reports/schemas";
import { ROLES } from "@/lib/roles";
import { SOURCE_KINDS, ZAuthor } from "@/lib/sources/schemas";
import { SIGN_OFF_STATES, STATUSES } from "@/lib/statuses";
import { TOKEN_SCOPES } from "@/lib/tokens/schemas";

/**
 * The response bodies of the JSON API as OpenAPI 3.1 (JSON Schema 2020-12) component schemas.
 * Request bodies and query parameters are generated from the zod schemas the routes parse with
 * (lib/api/openapi.ts); responses are TypeScript types, so they are written out here, with the
 * enums taken from the same constants the code uses.
 */

export type TSchema = Record<string, unknown>;

export const ref = (name: string): TSchema => ({ $ref: `#/components/schemas/${name}` });

/** A request schema from zod, as a client sends it (before defaults and transforms). */
export function fromZod(schema: z.ZodType): TSchema {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as TSchema;
  return rest;
}

const str: TSchema = { type: "string" };
const int: TSchema = { type: "integer" };
const bool: TSchema = { type: "boolean" };
const dateTime: TSchema = { type: "string", format: "date-time" };
const id: TSchema = { type: "string", description: "An opaque id" };
const orNull = (schema: TSchema): TSchema => (schema.$ref ? { anyOf: [schema, { type: "null" }] } : { ...schema, type: [schema.type, "null"] });
const list = (items: TSchema): TSchema => ({ type: "array", items });
const oneOfStrings = (values: readonly string[]): TSchema => ({ type: "string", enum: [...values] });

/** An object whose listed properties are all present (optional ones named in `optional`). */
function object(properties: Record<string, TSchema>, optional: string[] = []): TSchema {
  return { type: "object", properties, required: Object.keys(properties).filter((k) => !optional.includes(k)) };
}

const status = { ...oneOfStrings(STATUSES), description: "Verification status (see the README's status table)" };
const statusCounts: TSchema = { type: "object", propertyNames: oneOfStrings(STATUSES), additionalProperties: int };

export const COMPONENT_SCHEMAS: Record<string, TSchema> = {
  Error: object({ error: ref("ErrorBody") }),
  ErrorBody: object(
    {
      code: oneOfStrings([...Object.keys(ERROR_STATUS), "INTERNAL"]),
      message: { type: "string", description: "For people: what went wrong and what to do" },
      fields: { type: "object", additionalProperties: str, description: "One message per invalid or unknown field, by its path (`hops.0.sourceId`)" },
      current: { description: "With 409 for a stale version: the record as it now stands" },
    },
    ["fields", "current"],
  ),
  Person: object({ id, name: str, email: { type: "string", format: "email" } }),
  Author: fromZod(ZAuthor),
  Source: object({
    id,
    workspaceId: id,
    kind: oneOfStrings(SOURCE_KINDS),
    title: str,
    authors: list(ref("Author")),
    containerTitle: str,
    publisher: str,
    issued: { type: "string", description: "A year, year-month or date (YYYY, YYYY-MM, YYYY-MM-DD), or empty" },
    url: str,
    aliases: list(str),
    publisherPlace: str,
    page: str,
    isbn: str,
    doi: str,
    archivedUrl: str,
    language: str,
    version: int,
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  RegistryEntry: {
    allOf: [ref("Source"), object({ citationCount: int, statusCounts })],
  },
  ChainHop: object({ sourceId: id, title: str, label: str, locator: str, note: str }),
  Annotation: object({
    id,
    documentId: id,
    workspaceId: id,
    documentRevision: int,
    start: { type: "integer", minimum: 0, description: "Unicode code points into the document text" },
    end: { type: "integer", minimum: 0, description: "Unicode code points, exclusive" },
    page: { type: ["integer", "null"], minimum: 1, description: "In a paged document (PDF), the page of the span's start; null where the document has no pages" },
    endPage: { type: ["integer", "null"], minimum: 1, description: "The page of the span's last code point; null where the document has no pages" },
    exact: str,
    prefix: { type: "string", description: "Up to 32 code points before the span" },
    suffix: { type: "string", description: "Up to 32 code points after the span" },
    status,
    source: orNull(ref("Source")),
    locator: str,
    attributionText: str,
    note: str,
    version: { type: "integer", description: "Send it back with every change; a stale one is refused with 409" },
    createdBy: ref("Person"),
    updatedBy: ref("Person"),
    createdAt: dateTime,
    updatedAt: dateTime,
    deletedAt: orNull(dateTime),
    evidenceCount: int,
    chain: list(ref("ChainHop")),
    assignee: orNull(ref("Person")),
    onChecklist: bool,
    verdictBy: orNull(ref("Person")),
    verdictAt: orNull(dateTime),
    signOff: oneOfStrings(SIGN_OFF_STATES),
    signedOffBy: orNull(ref("Person")),
    signedOffAt: orNull(dateTime),
    signOffNote: str,
    commentCount: int,
    threadResolved: bool,
    orphaned: { type: "boolean", description: "Imported but not found in the text; not painted until placed" },
    needsRecheck: { type: "boolean", description: "A revision of the text changed its quoted words (or lost them); a reviewer is to look again" },
    anchorSimilarity: { type: ["number", "null"], description: "How close the re-placed quote is to the one before (0..1) after a revision changed it" },
  }),
  AnnotationEvent: object({
    id: { type: "string", description: "Increasing decimal id" },
    type: oneOfStrings(EVENT_TYPES),
    actor: ref("Person"),
    version: int,
    createdAt: dateTime,
    before: { type: ["object", "null"] },
    after: { type: "object" },
  }),
  ActivityPage: object({
    events: list({
      allOf: [
        ref("AnnotationEvent"),
        object({
          annotation: object({ id, exact: str, deleted: bool }),
          spanBefore: orNull(object({ start: int, end: int })),
        }),
      ],
    }),
    nextBefore: { type: ["string", "null"], description: "Pass as `before` for the next page; null on the last" },
  }),
  Evidence: object({
    id,
    annotationId: id,
    sourceId: orNull(id),
    source: orNull(ref("Source")),
    locator: str,
    passage: str,
    passageTranslation: str,
    url: str,
    archivedUrl: str,
    accessedOn: { type: "string", description: "YYYY-MM-DD or empty" },
    stance: oneOfStrings(STANCES),
    note: str,
    version: int,
    createdBy: ref("Person"),
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  Comment: object({
    id,
    annotationId: id,
    author: ref("Person"),
    html: { type: "string", description: "Sanitized HTML; empty once deleted" },
    text: str,
    version: int,
    createdAt: dateTime,
    editedAt: orNull(dateTime),
    deletedAt: orNull(dateTime),
  }),
  Thread: object({
    annotationId: id,
    annotationVersion: int,
    resolved: bool,
    resolvedAt: orNull(dateTime),
    resolvedBy: orNull(ref("Person")),
    comments: list(ref("Comment")),
  }),
  Inbox: object({
    items: list(
      object({
        id,
        kind: oneOfStrings([...INBOX_KINDS]),
        createdAt: dateTime,
        readAt: orNull(dateTime),
        actor: ref("Person"),
        comment: orNull(object({ id, author: ref("Person"), excerpt: str, createdAt: dateTime })),
        reason: { type: ["string", "null"], description: "Why the verdict was returned (VERDICT_RETURNED); null otherwise" },
        annotation: object({ id, exact: str, status }),
        document: object({ id, title: str }),
      }),
    ),
    unread: int,
    nextCursor: { type: ["string", "null"] },
  }),
  NotificationSettings: object(Object.fromEntries(INBOX_KINDS.map((kind) => [kind, bool]))),
  DocumentSummary: object({
    id,
    workspaceId: id,
    title: str,
    length: { type: "integer", description: "Unicode code points" },
    sha256: { type: "string", description: "Hex SHA-256 of the text's UTF-8 bytes" },
    annotationCount: int,
    updatedAt: dateTime,
  }),
  Document: {
    allOf: [
      ref("DocumentSummary"),
      object({
        revision: int,
        createdAt: dateTime,
        format: { ...oneOfStrings(DOCUMENT_FORMATS), description: "What the text was taken from" },
        metadata: ref("DocumentMetadata"),
        metadataVersion: { type: "integer", description: "Send it back with a metadata edit; a stale one is refused with 409" },
        original: orNull(object({ sha256: str, size: int, mediaType: str })),
        pages: orNull(list(ref("PageStart"))),
        text: { type: "string", description: "The canonical text (LF line ends, NFC)" },
      }),
    ],
  },
  DocumentMetadata: object({
    authors: list(str),
    publisher: { type: ["string", "null"], description: "Publisher, or the site's name for a web page" },
    datePublished: { type: ["string", "null"], description: "YYYY, YYYY-MM or YYYY-MM-DD" },
    originalUrl: { type: ["string", "null"] },
    retrievedAt: orNull(dateTime),
    archivedUrl: { type: ["string", "null"] },
    language: { type: ["string", "null"], description: "BCP 47 tag" },
  }),
  PageStart: object({ number: { type: "integer", minimum: 1 }, start: { type: "integer", minimum: 0, description: "Code point where the page begins" } }),
  DocumentImportPreview: object({
    format: oneOfStrings(DOCUMENT_FORMATS),
    title: str,
    metadata: ref("DocumentMetadata"),
    length: int,
    pageCount: { type: ["integer", "null"] },
    pages: orNull(list(ref("PageStart"))),
    emptyPages: list(int),
    firstLines: list(str),
    warnings: list(object({ code: str, message: str, count: int }, ["count"])),
    original: object({ sha256: str, size: int, mediaType: str, fileName: { type: ["string", "null"] } }),
  }),
  WorkspaceSummary: object({ id, name: str, role: oneOfStrings(ROLES), memberCount: int, documentCount: int }),
  Member: object({ userId: id, email: str, name: str, role: oneOfStrings(ROLES), joinedAt: dateTime }),
  Workspace: object({ id, name: str, myRole: oneOfStrings(ROLES), members: list(ref("Member")), requireSignOff: bool, version: int }),
  Invitation: object({ id, email: str, role: oneOfStrings(ROLES), createdAt: dateTime, expiresAt: dateTime }),
  InvitationCreated: object({
    invitation: ref("Invitation"),
    token: { type: "string", description: "The link's secret, shown this once; only its hash is stored" },
    path: { type: "string", description: "The invitation page on this server: /invitations/{token}" },
  }),
  MergeResult: object(
    {
      id,
      keptId: id,
      mergedId: id,
      moved: object({ annotations: int, evidence: int, chainHops: int }),
      state: { ...oneOfStrings(["RUNNING", "DONE", "FAILED"]), description: "RUNNING while a background merge moves its rows" },
      done: { ...int, description: "Citing rows moved so far" },
      total: { ...int, description: "Citing rows to move" },
      error: { ...str, description: "Why it failed" },
    },
    ["error"],
  ),
  ImportPreview: object({
    items: list(
      object({
        index: int,
        entry: { type: "object", description: "The parsed entry, in the fields of POST /api/v1/sources" },
        match: orNull(object({ sourceId: id, title: str, by: str })),
        duplicateOf: { type: ["integer", "null"] },
      }),
    ),
    problems: list(str),
  }),
  ImportResult: object({
    created: list(ref("Source")),
    matched: list(object({ index: int, sourceId: id, title: str, by: str })),
    problems: list(str),
  }),
  BulkResult: object({
    results: list({
      oneOf: [
        object({ id, ok: { const: true }, changed: bool }),
        object({ id, ok: { const: false }, error: ref("ErrorBody") }),
      ],
    }),
  }),
  LiveEvent: object({
    id: { type: "string", description: "The event id, also sent as the SSE `id:` (Last-Event-ID)" },
    type: oneOfStrings(EVENT_TYPES),
    annotationId: id,
    documentId: id,
    workspaceId: id,
    actor: ref("Person"),
    createdAt: dateTime,
    annotation: orNull(ref("Annotation")),
  }),
  ApiToken: object({
    id,
    name: str,
    scope: oneOfStrings(TOKEN_SCOPES),
    prefix: { type: "string", description: "The token's first 10 characters, to tell tokens apart" },
    createdAt: dateTime,
    expiresAt: { ...orNull(dateTime), description: "Past it the token is refused (401); null when its holder chose a token that never expires" },
    expired: { type: "boolean", description: "Past its expiry when read" },
    lastUsedAt: { ...orNull(dateTime), description: "Updated at most once a minute" },
    revokedAt: orNull(dateTime),
  }),
  CreatedApiToken: {
    allOf: [ref("ApiToken"), object({ token: { type: "string", pattern: "^pv_[A-Za-z0-9_-]{43}$", description: "The token itself; this is the only time it is sent" } })],
  },
  ExportJob: {
    ...object({
      id,
      workspaceId: id,
      format: oneOfStrings(EXPORT_FORMATS),
      state: oneOfStrings(EXPORT_JOB_STATES),
      done: { type: "integer", description: "Documents read so far" },
      total: { type: "integer", description: "Documents to read" },
      fileName: { type: "string", description: "The file's name, once it is ready" },
      error: { type: "string", description: "Why it failed, in words for people" },
      createdAt: dateTime,
      updatedAt: dateTime,
    }),
    description: "A workspace-wide export built in the background",
  },
  AnnotationImportPreview: object({
    format: oneOfStrings(ANNOTATION_IMPORT_FORMATS),
    items: list(
      object(
        {
          index: { type: "integer", description: "Position in the file, from 0" },
          state: oneOfStrings(IMPORT_STATES),
          start: int,
          end: int,
          exact: str,
          found: { type: "string", description: "The text at the new position, when an approximate match differs from the quote" },
          oldStart: int,
          oldEnd: int,
          similarity: { type: "number", description: "1 for an exact match, less for an approximate one" },
          reason: { type: "string", description: "Why it failed" },
          source: orNull(object({ id: { type: ["string", "null"] }, title: str, label: str, by: { type: ["string", "null"], enum: ["url", "title", "id", null] } })),
          status,
          statusNote: { type: ["string", "null"] },
          note: str,
          locator: str,
          evidenceCopied: int,
        },
        ["start", "end", "found", "oldStart", "oldEnd", "similarity", "reason"],
      ),
    ),
    counts: object(Object.fromEntries(IMPORT_STATES.map((state) => [state, int]))),
  }),
  AnnotationImportResult: object({
    documentId: id,
    created: { type: "integer", description: "Annotations placed in the text (anchored and moved)" },
    orphaned: { type: "integer", description: "Failed items kept as orphaned annotations" },
    failed: { type: "integer", description: "Failed items not imported" },
    failures: list(object({ index: int, reason: str })),
    sourcesCreated: int,
  }),
};
