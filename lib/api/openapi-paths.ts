import type { z } from "zod";
import { ZActivityQuery } from "@/lib/annotations/activity";
import { ZAnnotationFilters, ZCreateAnnotation, ZSetChain, ZSignOff, ZUpdateAnnotation } from "@/lib/annotations/schemas";
import { fromZod, ref, type TSchema } from "@/lib/api/openapi-schemas";
import { ZCreateComment, ZDeleteComment, ZEditComment, ZInboxQuery, ZMarkRead, ZSetThread } from "@/lib/comments/schemas";
import { DOCUMENT_FORMATS, ZCreateDocument, ZDocumentsQuery, ZImportUrl, ZUpdateDocument } from "@/lib/documents/schemas";
import { MAX_IMPORT_BYTES, MAX_PDF_PAGES } from "@/lib/intake/limits";
import { ZNotificationSettings } from "@/lib/notifications/schemas";
import { ZCreateEvidence, ZUpdateEvidence } from "@/lib/evidence/schemas";
import { ZBulkRequest } from "@/lib/queue/schemas";
import { EXPORT_FORMATS, ZReportQuery } from "@/lib/reports/schemas";
import { MAX_RUNNING_EXPORTS, SYNC_EXPORT_MAX_DOCUMENTS, ZStartExport } from "@/lib/exports/schemas";
import { ZImportAnnotationsRequest } from "@/lib/imports/schemas";
import { ZInvite } from "@/lib/invitations/schemas";
import { INVITATION_DAYS } from "@/lib/invitations/token";
import { ZExportQuery, ZImportSources } from "@/lib/sources/import-schemas";
import { MERGE_INLINE_MAX, ZMergeSource, ZRegistryQuery } from "@/lib/sources/registry-schemas";
import { ZCreateSource, ZUpdateSource } from "@/lib/sources/schemas";
import { ZCreateRevision, ZDiffQuery, ZRecheck } from "@/lib/revisions/schemas";
import { ZCreateToken } from "@/lib/tokens/schemas";
import { ZChangeRole, ZCreateWorkspace, ZWorkspaceSettings } from "@/lib/workspaces/schemas";

/**
 * The endpoints of /api/v1, one entry per route and method: what lib/api/openapi.ts builds the
 * OpenAPI document from. Request bodies and query parameters are the zod schemas the routes parse with.
 */

export type TMethod = "get" | "post" | "put" | "patch" | "delete";
export type TParameter = { name: string; in: "query" | "path" | "header"; required: boolean; description?: string; schema: TSchema };
export type TMedia = Record<string, { schema: TSchema }>;

type TSuccess = { status: number; description: string; schema?: TSchema; content?: TMedia; headers?: Record<string, unknown> };

export type TOperation = {
  summary: string;
  description?: string;
  query?: TParameter[];
  headers?: TParameter[];
  /** A JSON request body: a zod schema (converted) or a JSON Schema; `oneOf` several for alternatives. */
  body?: z.ZodType | TSchema;
  /** Other media types the request body may have besides JSON (multipart/form-data uploads). */
  bodyMedia?: TMedia;
  /** The success answer: a JSON schema, other media types, or nothing (204). */
  ok: TSuccess;
  /**
   * Other success answers of the same operation: a dry run's 200 beside a create's 201, a 202 with
   * a job where the work is too large to do while the request waits.
   */
  also?: TSuccess[];
  /** Error statuses this operation answers besides those every operation of its kind does. */
  errors?: number[];
  /** Who may: appended to the description. */
  access?: string;
  /** No authentication at all. */
  public?: true;
  /** Needs the browser session; a token gets 403. */
  sessionOnly?: true;
};

/** Query parameters from a zod object schema: names, types and which are required, as the route parses them. */
function queryOf(schema: z.ZodType, descriptions: Record<string, string> = {}, required: string[] = []): TParameter[] {
  const json = fromZod(schema) as { properties?: Record<string, TSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: (json.required ?? []).includes(name) || required.includes(name),
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    schema: s,
  }));
}

const query = (name: string, description: string, schema: TSchema = { type: "string" }, required = false): TParameter => ({
  name,
  in: "query",
  required,
  description,
  schema,
});

export const json = (schema: TSchema): TMedia => ({ "application/json": { schema } });
/** A downloaded file: its bytes as they are (a JSON format's file is the document its `$schema` names, not a JSON string). */
const file: TSchema = { description: "The file's bytes" };
/** A revision as listed (lib/revisions/queries.ts). */
const REVISION = {
  type: "object",
  properties: {
    number: { type: "integer" },
    sha256: { type: "string" },
    length: { type: "integer", description: "Code points" },
    reason: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    createdBy: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } }, required: ["id", "name"] },
    counts: { type: "object", properties: { shifted: { type: "integer" }, changed: { type: "integer" }, orphaned: { type: "integer" } }, required: ["shifted", "changed", "orphaned"] },
    hasOriginal: { type: "boolean" },
  },
  required: ["number", "sha256", "length", "reason", "createdAt", "createdBy"],
} as const;

const attachment = { "Content-Disposition": { description: "`attachment; filename=\"…\"`", schema: { type: "string" } } };

/** What each download format is sent as. */
const EXPORT_MEDIA: Record<(typeof EXPORT_FORMATS)[number], string> = {
  pdf: "application/pdf",
  html: "text/html",
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json",
  w3c: "application/ld+json",
  claimreview: "application/ld+json",
  csl: "application/vnd.citationstyles.csl+json",
  bibtex: "application/x-bibtex",
};
const exportContent: TMedia = Object.fromEntries([...new Set(Object.values(EXPORT_MEDIA))].map((type) => [type, { schema: file }]));
const exportFormats = `\`format\`: ${EXPORT_FORMATS.map((f) => `${f} (${EXPORT_MEDIA[f]})`).join(", ")}`;
const reportQueryDescriptions = {
  format: "The download format",
  statuses: "Comma-separated statuses to include (all when absent)",
  text: "1 to include the document text with numbered spans (default), 0 for the notes alone",
  comments: "1 to include comments (default 0)",
  documents: "Comma-separated document ids (a workspace export; all documents when absent)",
};
const documentReportQuery = queryOf(ZReportQuery.omit({ documents: true }), reportQueryDescriptions, ["format"]);
const workspaceReportQuery = queryOf(ZReportQuery, reportQueryDescriptions, ["format"]);

const sse: TOperation["ok"] = {
  status: 200,
  description:
    "A Server-Sent Events stream: one `data:` message per annotation event (a LiveEvent, with `id:`), `event: presence` (documents: who has it open), `event: ready` once the backlog is sent, and a comment every 15 s. Resumes after `Last-Event-ID`: the events after it, and those of lower ids committed after it (up to a minute earlier; drop repeats by id). When that would be more than 1,000 events or reach back more than an hour, `event: resync` (its `id:` the newest event) comes instead: reload your state, then follow on. A member may hold 5 streams at once, over every app instance; the next answers 429.",
  content: { "text/event-stream": { schema: { type: "string", description: "`data:` lines carry LiveEvent JSON", contentSchema: ref("LiveEvent") } } },
};
const liveParams: Pick<TOperation, "query" | "headers" | "errors"> = {
  errors: [429],
  query: [query("lastEventId", "Resume after this event id (when the Last-Event-ID header cannot be set)")],
  headers: [{ name: "Last-Event-ID", in: "header", required: false, description: "Resume after this event id", schema: { type: "string" } }],
};

export const PATHS: Record<string, Partial<Record<TMethod, TOperation>>> = {
  "/api/v1/openapi.json": {
    get: { summary: "This API description (OpenAPI 3.1)", public: true, ok: { status: 200, description: "The OpenAPI document", schema: { type: "object" } } },
  },
  "/api/v1/tokens": {
    get: {
      summary: "List your personal API tokens",
      description: "Newest first, revoked ones included and marked. Never the tokens themselves.",
      ok: { status: 200, description: "Your tokens", schema: { type: "object", properties: { tokens: { type: "array", items: ref("ApiToken") } }, required: ["tokens"] } },
    },
    post: {
      summary: "Create a personal API token",
      description: "The answer carries `token`, shown this once; only its SHA-256 is stored. At most 50 live tokens per member (422).",
      sessionOnly: true,
      body: ZCreateToken,
      ok: { status: 201, description: "The token, with `token` this once", schema: ref("CreatedApiToken") },
    },
  },
  "/api/v1/tokens/{id}": {
    delete: {
      summary: "Revoke one of your tokens",
      description: "It stops working at once (401). Another member's token is 404. Revoking a revoked token changes nothing.",
      sessionOnly: true,
      ok: { status: 200, description: "The token, marked revoked", schema: ref("ApiToken") },
    },
  },
  "/api/v1/workspaces": {
    get: {
      summary: "List your workspaces",
      ok: { status: 200, description: "Workspaces you are a member of", schema: { type: "object", properties: { workspaces: { type: "array", items: ref("WorkspaceSummary") } }, required: ["workspaces"] } },
    },
    post: {
      summary: "Create a workspace",
      description: "You become its owner.",
      body: ZCreateWorkspace,
      ok: { status: 201, description: "The workspace", schema: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, role: { const: "OWNER" } }, required: ["id", "name", "role"] } },
    },
  },
  "/api/v1/workspaces/{id}": {
    get: { summary: "A workspace with its members and settings", access: "Any member", ok: { status: 200, description: "The workspace", schema: ref("Workspace") } },
    patch: {
      summary: "Change workspace settings",
      access: "OWNER",
      body: ZWorkspaceSettings,
      errors: [409],
      ok: { status: 200, description: "The settings as saved", schema: { type: "object", properties: { requireSignOff: { type: "boolean" }, version: { type: "integer" } }, required: ["requireSignOff", "version"] } },
    },
  },
  "/api/v1/workspaces/{id}/members": {
    get: {
      summary: "List a workspace's members",
      access: "Any member",
      ok: { status: 200, description: "The members", schema: { type: "object", properties: { members: { type: "array", items: ref("Member") } }, required: ["members"] } },
    },
  },
  "/api/v1/workspaces/{id}/invitations": {
    get: {
      summary: "List a workspace's pending invitations",
      access: "OWNER",
      ok: { status: 200, description: "Invitations not yet used, revoked or expired", schema: { type: "object", properties: { invitations: { type: "array", items: ref("Invitation") } }, required: ["invitations"] } },
    },
    post: {
      summary: "Invite someone to the workspace",
      description: `Answers alike whether or not the e-mail has an account, and creates none: the link (path) is returned this once and works once, for ${INVITATION_DAYS} days. The holder of an existing account signs in and accepts on that page; an unknown e-mail gets its account there. A pending invitation of the same e-mail is revoked. 409 when the e-mail is a member already.`,
      access: "OWNER",
      body: ZInvite,
      errors: [409],
      ok: { status: 201, description: "The invitation and its link", schema: ref("InvitationCreated") },
    },
  },
  "/api/v1/workspaces/{id}/invitations/{invitationId}": {
    delete: { summary: "Revoke a pending invitation", description: "Its link stops working.", access: "OWNER", ok: { status: 204, description: "Revoked" } },
  },
  "/api/v1/workspaces/{id}/members/{userId}": {
    patch: {
      summary: "Change a member's role",
      access: "OWNER; the last owner stays (409)",
      body: ZChangeRole,
      errors: [409],
      ok: { status: 200, description: "The new role", schema: { type: "object", properties: { userId: { type: "string" }, role: { type: "string" } }, required: ["userId", "role"] } },
    },
    delete: { summary: "Remove a member", access: "OWNER; the last owner stays (409)", errors: [409], ok: { status: 204, description: "Removed" } },
  },
  "/api/v1/workspaces/{id}/live": {
    get: { summary: "Follow a workspace's annotation events live (SSE)", access: "Any member", ...liveParams, ok: sse },
  },
  "/api/v1/workspaces/{id}/export": {
    get: {
      summary: "Download a workspace's citation report or data",
      description: `${exportFormats}. Built while you wait for up to ${SYNC_EXPORT_MAX_DOCUMENTS} documents; beyond that the answer is 202 with a background export job (its URL in Location), as POST /api/v1/workspaces/{id}/exports gives, counted against the same limit of ${MAX_RUNNING_EXPORTS} running (429).`,
      access: "Any member",
      query: workspaceReportQuery,
      errors: [429],
      ok: { status: 200, description: "The file", content: exportContent, headers: attachment },
      also: [{ status: 202, description: "Too large to build while you wait: the job, RUNNING", schema: { type: "object", properties: { job: ref("ExportJob") }, required: ["job"] }, headers: { Location: { description: "The job's URL", schema: { type: "string" } } } }],
    },
  },
  "/api/v1/workspaces/{id}/exports": {
    post: {
      summary: "Start a background export of a workspace",
      description: `Answers at once with the job; follow its progress at GET /api/v1/exports/{id} and fetch the file from /download when DONE. At most ${MAX_RUNNING_EXPORTS} of your exports run at once (429). ${exportFormats}.`,
      access: "Any member",
      body: ZStartExport,
      errors: [429],
      ok: { status: 202, description: "The job, RUNNING", schema: { type: "object", properties: { job: ref("ExportJob") }, required: ["job"] } },
    },
  },
  "/api/v1/exports/{id}": {
    get: { summary: "An export job's progress", description: "Only the member who started it sees it.", ok: { status: 200, description: "The job", schema: ref("ExportJob") } },
  },
  "/api/v1/exports/{id}/download": {
    get: {
      summary: "Download a finished export",
      description: "409 while it runs, or when it was cancelled or failed.",
      errors: [409],
      ok: { status: 200, description: "The file", content: exportContent, headers: attachment },
    },
  },
  "/api/v1/exports/{id}/cancel": {
    post: {
      summary: "Cancel a running export",
      description: "409 with the job when it has already finished.",
      errors: [409],
      ok: { status: 200, description: "The job, CANCELLED", schema: ref("ExportJob") },
    },
  },
  "/api/v1/documents": {
    get: {
      summary: "List documents",
      query: queryOf(ZDocumentsQuery, { workspaceId: "Only this workspace's documents" }),
      errors: [400],
      ok: { status: 200, description: "Documents you may read", schema: { type: "object", properties: { documents: { type: "array", items: ref("DocumentSummary") } }, required: ["documents"] } },
    },
    post: {
      summary: "Add a document: pasted text, a file, or a web page by its address",
      description: [
        "JSON `{ workspaceId, title, text }`: the text is stored after CRLF to LF and Unicode NFC, nothing else; at most 5 MB.",
        `JSON \`{ workspaceId, url, title? }\`: the server fetches the page (http or https; public addresses only, at most 5 redirects, 15 s, ${MAX_IMPORT_BYTES / (1024 * 1024)} MB) and imports it as HTML, or as PDF when the answer is one.`,
        `multipart/form-data with \`workspaceId\`, \`file\` and an optional \`title\`: ${DOCUMENT_FORMATS.join(", ")}, recognised by their content, not their name; at most ${MAX_IMPORT_BYTES / (1024 * 1024)} MB and ${MAX_PDF_PAGES.toLocaleString("en-US")} pages. A file of another type is 415; a damaged, encrypted or scanned (no text layer) file is 422 with the reason.`,
        "The original file is kept byte-exact (GET …/original). `?dryRun=1` answers 200 with the preview and stores nothing.",
      ].join(" "),
      access: "EDITOR or OWNER",
      query: [query("dryRun", "1: answer the preview (format, title, metadata, pages, first lines, warnings) and store nothing", { type: "string", enum: ["1", "true"] })],
      body: { oneOf: [fromZod(ZCreateDocument), fromZod(ZImportUrl)] },
      bodyMedia: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { workspaceId: { type: "string" }, title: { type: "string", maxLength: 300 }, file: { type: "string", format: "binary", description: "PDF, Word (.docx), HTML, .txt or .md" } },
            required: ["workspaceId", "file"],
          },
        },
      },
      errors: [415],
      ok: { status: 201, description: "The document (with the import's `warnings`)", schema: ref("Document") },
      also: [{ status: 200, description: "With ?dryRun=1: the preview; nothing stored", schema: { type: "object", properties: { preview: ref("DocumentImportPreview") }, required: ["preview"] } }],
    },
  },
  "/api/v1/documents/{id}": {
    get: { summary: "A document with its text", access: "Any member", ok: { status: 200, description: "The document", schema: ref("Document") } },
    patch: {
      summary: "Rename a document or edit its provenance metadata",
      description: "Metadata fields (authors, publisher, datePublished, originalUrl, retrievedAt, archivedUrl, language) need the `metadataVersion` they were edited on; a stale one is 409 with the metadata as it stands in `current`.",
      access: "EDITOR or OWNER",
      body: ZUpdateDocument,
      errors: [409],
      ok: { status: 200, description: "The document", schema: ref("Document") },
    },
    delete: { summary: "Delete a document (soft)", access: "EDITOR or OWNER", ok: { status: 204, description: "Deleted; an owner restores it in the app" } },
  },
  "/api/v1/documents/{id}/original": {
    get: {
      summary: "Download the file a document was taken from",
      description: "Byte-exact, with its own media type, as an attachment; its sha256 is the ETag. 404 when the text was pasted.",
      access: "Any member",
      ok: {
        status: 200,
        description: "The original file, with the media type it was imported as (application/pdf, text/plain, text/html, …)",
        content: { "*/*": { schema: { type: "string", format: "binary" } } },
        headers: attachment,
      },
    },
  },
  "/api/v1/documents/{id}/revisions": {
    get: {
      summary: "A document's revisions, newest first",
      description: "Each with its number, sha256, length in code points, who saved it, when and why, and what it did to the annotations.",
      access: "Any member",
      ok: { status: 200, description: "The revisions", schema: { type: "object", properties: { revisions: { type: "array", items: REVISION } }, required: ["revisions"] } },
    },
    post: {
      summary: "Save a new revision of the text",
      description:
        "`baseRevision` is the revision the edit was made on: when it is no longer the latest, 409 with the latest in `current`. In the same transaction every live annotation is carried over: moved by the changes before it (its quote unchanged), or, when a change touched its words, found again (flagged `needsRecheck`, with `anchorSimilarity`; a verdict goes back to awaiting sign-off), or orphaned. Answers the revision and the counts.",
      access: "EDITOR or OWNER",
      body: ZCreateRevision,
      errors: [409],
      ok: {
        status: 201,
        description: "The new revision and what became of the annotations",
        schema: {
          type: "object",
          properties: {
            revision: REVISION,
            counts: { type: "object", properties: { unchanged: { type: "integer" }, shifted: { type: "integer" }, changed: { type: "integer" }, orphaned: { type: "integer" } }, required: ["unchanged", "shifted", "changed", "orphaned"] },
          },
          required: ["revision", "counts"],
        },
      },
    },
  },
  "/api/v1/documents/{id}/revisions/{n}": {
    get: {
      summary: "One revision with its text",
      access: "Any member",
      ok: { status: 200, description: "The revision", schema: { type: "object", properties: { ...REVISION.properties, text: { type: "string" } }, required: [...REVISION.required, "text"] } },
    },
  },
  "/api/v1/documents/{id}/diff": {
    get: {
      summary: "The changes between two revisions, word by word",
      description: "`hunks`: each change as code-point ranges of the old and new text; `parts`: the texts as runs kept, removed and added, for reading.",
      access: "Any member",
      query: queryOf(ZDiffQuery, { from: "The older revision's number", to: "The newer revision's number" }, ["from", "to"]),
      ok: {
        status: 200,
        description: "The diff",
        schema: {
          type: "object",
          properties: {
            from: { type: "integer" },
            to: { type: "integer" },
            hunks: { type: "array", items: { type: "object", properties: { oldStart: { type: "integer" }, oldEnd: { type: "integer" }, newStart: { type: "integer" }, newEnd: { type: "integer" } }, required: ["oldStart", "oldEnd", "newStart", "newEnd"] } },
            parts: { type: "array", items: { type: "object", properties: { kind: { type: "string", enum: ["same", "removed", "added"] }, text: { type: "string" } }, required: ["kind", "text"] } },
          },
          required: ["from", "to", "hunks", "parts"],
        },
      },
    },
  },
  "/api/v1/documents/{id}/annotations": {
    get: {
      summary: "List a document's annotations",
      description: "Live ones, by start, end and creation.",
      access: "Any member",
      query: queryOf(ZAnnotationFilters, { status: "Only this status", sourceId: "Only annotations claiming this source", needsRecheck: "`true`: only those a revision of the text flagged for a re-check" }),
      ok: { status: 200, description: "The annotations", schema: { type: "object", properties: { annotations: { type: "array", items: ref("Annotation") } }, required: ["annotations"] } },
    },
    post: {
      summary: "Annotate a span",
      description: "`start` and `end` count Unicode code points. Claim an existing source (`sourceId`) or create one inline (`source`).",
      access: "REVIEWER and up",
      body: ZCreateAnnotation,
      ok: { status: 201, description: "The annotation", schema: ref("Annotation") },
    },
  },
  "/api/v1/documents/{id}/annotations/import": {
    post: {
      summary: "Import annotations (W3C Web Annotation or Hypothesis JSON)",
      description:
        "Each item is anchored by position when its quote is there, else by quote with prefix and suffix, else fuzzily near the old position. `dryRun: true` answers the preview (200: anchored, moved and failed items) and changes nothing; otherwise 201 with the outcome. Failed items are kept as orphaned annotations to place by hand unless `keepOrphans` is false; they are never dropped silently.",
      access: "REVIEWER and up",
      body: ZImportAnnotationsRequest,
      ok: { status: 201, description: "The outcome", schema: ref("AnnotationImportResult") },
      also: [{ status: 200, description: "With dryRun: the preview; nothing changed", schema: ref("AnnotationImportPreview") }],
    },
  },
  "/api/v1/documents/{id}/events": {
    get: {
      summary: "A document's activity, newest first",
      description: "50 events a page.",
      access: "Any member",
      query: queryOf(ZActivityQuery, { before: "`nextBefore` of the previous page", type: "Only this event type", actor: "Only events by this user id" }),
      ok: { status: 200, description: "A page of events", schema: ref("ActivityPage") },
    },
  },
  "/api/v1/documents/{id}/live": {
    get: { summary: "Follow a document's annotation events and presence live (SSE)", access: "Any member", ...liveParams, ok: sse },
  },
  "/api/v1/documents/{id}/export": {
    get: {
      summary: "Download a document's citation report or data",
      description: exportFormats,
      access: "Any member",
      query: documentReportQuery,
      ok: { status: 200, description: "The file", content: exportContent, headers: attachment },
    },
  },
  "/api/v1/annotations/bulk": {
    post: {
      summary: "One action on many annotations",
      description: "Each row is applied on its own against its version; the answer says per row whether it was done. More than 200 rows: 413.",
      access: "REVIEWER and up in every workspace concerned",
      body: ZBulkRequest,
      ok: { status: 200, description: "One result per row, in order", schema: ref("BulkResult") },
    },
  },
  "/api/v1/annotations/{id}": {
    get: { summary: "An annotation", description: "404 once deleted.", access: "Any member", ok: { status: 200, description: "The annotation", schema: ref("Annotation") } },
    patch: {
      summary: "Change an annotation",
      description: "Send the `version` you edited and only the fields to change.",
      access: "REVIEWER and up (verdict and sign-off rules apply)",
      body: ZUpdateAnnotation,
      errors: [409],
      ok: { status: 200, description: "The annotation", schema: ref("Annotation") },
    },
    delete: { summary: "Delete an annotation (soft)", access: "REVIEWER and up", ok: { status: 204, description: "Deleted" } },
  },
  "/api/v1/annotations/{id}/restore": {
    post: {
      summary: "Restore a deleted annotation",
      access: "EDITOR or OWNER, or whoever deleted it",
      errors: [409],
      ok: { status: 200, description: "The annotation", schema: ref("Annotation") },
    },
  },
  "/api/v1/annotations/{id}/events": {
    get: {
      summary: "An annotation's history, oldest first",
      access: "Any member",
      ok: { status: 200, description: "Its events", schema: { type: "object", properties: { events: { type: "array", items: ref("AnnotationEvent") } }, required: ["events"] } },
    },
  },
  "/api/v1/annotations/{id}/sign-off": {
    post: {
      summary: "Confirm, return or resubmit a verdict",
      description: "CONFIRM and RETURN need EDITOR or OWNER and not the verdict's giver (403); RETURN needs a reason.",
      access: "See description",
      body: ZSignOff,
      errors: [409],
      ok: { status: 200, description: "The annotation", schema: ref("Annotation") },
    },
  },
  "/api/v1/annotations/{id}/recheck": {
    post: {
      summary: "Mark an annotation as checked again after the text changed",
      description: "Clears `needsRecheck` (set when a revision of the text changed or lost the quoted words) against the `version` seen; 409 when stale or not flagged. Status and sign-off are unchanged.",
      access: "REVIEWER and up",
      body: ZRecheck,
      errors: [409],
      ok: { status: 200, description: "The annotation", schema: ref("Annotation") },
    },
  },
  "/api/v1/annotations/{id}/chain": {
    put: {
      summary: "Replace an annotation's attribution chain",
      access: "REVIEWER and up",
      body: ZSetChain,
      errors: [409],
      ok: { status: 200, description: "The annotation with its chain", schema: ref("Annotation") },
    },
  },
  "/api/v1/annotations/{id}/evidence": {
    get: {
      summary: "An annotation's evidence, oldest first",
      access: "Any member",
      ok: { status: 200, description: "Live evidence items", schema: { type: "object", properties: { evidence: { type: "array", items: ref("Evidence") } }, required: ["evidence"] } },
    },
    post: {
      summary: "Add evidence",
      description: "Needs a passage, a source or a URL.",
      access: "REVIEWER and up",
      body: ZCreateEvidence,
      ok: { status: 201, description: "The item", schema: ref("Evidence") },
    },
  },
  "/api/v1/annotations/{id}/comments": {
    get: { summary: "An annotation's discussion", access: "Any member", ok: { status: 200, description: "The thread", schema: ref("Thread") } },
    post: {
      summary: "Comment",
      description: "HTML, sanitized on the server; mentions as `span[data-type=mention][data-id]`.",
      access: "REVIEWER and up",
      body: ZCreateComment,
      ok: { status: 201, description: "The comment", schema: ref("Comment") },
    },
  },
  "/api/v1/annotations/{id}/thread": {
    post: {
      summary: "Resolve or reopen a discussion",
      access: "REVIEWER and up",
      body: ZSetThread,
      errors: [409],
      ok: { status: 200, description: "The annotation", schema: ref("Annotation") },
    },
  },
  "/api/v1/comments/{id}": {
    patch: { summary: "Edit your comment", access: "Its author", body: ZEditComment, errors: [409], ok: { status: 200, description: "The comment", schema: ref("Comment") } },
    delete: {
      summary: "Delete a comment (soft)",
      access: "Its author, or EDITOR or OWNER",
      query: queryOf(ZDeleteComment, { version: "The comment's version" }),
      errors: [409],
      ok: { status: 200, description: "The comment, deleted", schema: ref("Comment") },
    },
  },
  "/api/v1/evidence/{id}": {
    get: { summary: "An evidence item", access: "Any member", ok: { status: 200, description: "The item", schema: ref("Evidence") } },
    patch: { summary: "Change an evidence item", access: "REVIEWER and up", body: ZUpdateEvidence, errors: [409], ok: { status: 200, description: "The item", schema: ref("Evidence") } },
    delete: {
      summary: "Remove an evidence item (soft)",
      description: "409 when it is the last item of an annotation whose status needs evidence.",
      access: "REVIEWER and up",
      errors: [409],
      ok: { status: 204, description: "Removed" },
    },
  },
  "/api/v1/inbox": {
    get: {
      summary: "Your inbox: mentions and notifications, newest first",
      description:
        "`kind` says what each entry is: MENTION (with `comment`), SIGN_OFF_REQUESTED (a verdict awaits your sign-off; editors and owners), VERDICT_RETURNED (yours, with `reason`), VERDICT_CONFIRMED (yours) or ASSIGNED (to you). `actor` is who did it; nobody is notified of their own action.",
      query: queryOf(ZInboxQuery, { limit: "1 to 100, default 50", cursor: "`nextCursor` of the previous page" }),
      errors: [400],
      ok: { status: 200, description: "A page of the inbox", schema: ref("Inbox") },
    },
  },
  "/api/v1/inbox/read": {
    post: {
      summary: "Mark inbox entries read",
      body: ZMarkRead,
      ok: { status: 200, description: "How many changed and how many stay unread", schema: { type: "object", properties: { updated: { type: "integer" }, unread: { type: "integer" } }, required: ["updated", "unread"] } },
    },
  },
  "/api/v1/inbox/settings": {
    get: { summary: "Which kinds of notification reach your inbox", ok: { status: 200, description: "Each kind, true when on", schema: ref("NotificationSettings") } },
    put: {
      summary: "Turn kinds of notification on or off",
      description: "A kind turned off stops new notifications of that kind; kinds left out keep their setting.",
      body: ZNotificationSettings,
      ok: { status: 200, description: "Each kind, true when on", schema: ref("NotificationSettings") },
    },
  },
  "/api/v1/sources": {
    get: {
      summary: "A workspace's source registry",
      access: "Any member",
      query: queryOf(ZRegistryQuery),
      ok: { status: 200, description: "The sources with citation counts", schema: { type: "object", properties: { sources: { type: "array", items: ref("RegistryEntry") } }, required: ["sources"] } },
    },
    post: { summary: "Add a source", access: "REVIEWER and up", body: ZCreateSource, ok: { status: 201, description: "The source", schema: ref("Source") } },
  },
  "/api/v1/sources/{id}": {
    get: { summary: "A source", access: "Any member", ok: { status: 200, description: "The source", schema: ref("Source") } },
    patch: { summary: "Change a source", access: "EDITOR or OWNER", body: ZUpdateSource, errors: [409], ok: { status: 200, description: "The source", schema: ref("Source") } },
  },
  "/api/v1/sources/{id}/merge": {
    post: {
      summary: "Merge this source into another",
      description: `Annotations, evidence and chain hops move to the source kept; the merge is recorded and can be undone. A source cited by more than ${MERGE_INLINE_MAX} rows is merged in the background: 202 with the merge RUNNING (its URL in Location), to follow at GET /api/v1/source-merges/{id}.`,
      access: "EDITOR or OWNER",
      body: ZMergeSource,
      errors: [409],
      ok: { status: 200, description: "The merge, DONE", schema: { type: "object", properties: { merge: ref("MergeResult") }, required: ["merge"] } },
      also: [{ status: 202, description: "The merge, RUNNING in the background", schema: { type: "object", properties: { merge: ref("MergeResult") }, required: ["merge"] }, headers: { Location: { description: "The merge's URL", schema: { type: "string" } } } }],
    },
  },
  "/api/v1/source-merges/{id}": {
    get: {
      summary: "A merge and its progress",
      access: "Any member",
      ok: { status: 200, description: "The merge", schema: { type: "object", properties: { merge: ref("MergeResult") }, required: ["merge"] } },
    },
  },
  "/api/v1/source-merges/{id}/undo": {
    post: {
      summary: "Undo a merge",
      access: "OWNER",
      errors: [409],
      ok: { status: 200, description: "The merge undone", schema: { type: "object", properties: { merge: ref("MergeResult") }, required: ["merge"] } },
    },
  },
  "/api/v1/sources/import": {
    post: {
      summary: "Import sources from BibTeX or CSL-JSON",
      description: "`dryRun: true` answers the preview (200) and changes nothing; otherwise 201 with what was created and matched.",
      access: "REVIEWER and up",
      body: ZImportSources,
      ok: { status: 201, description: "What was created and matched", schema: ref("ImportResult") },
      also: [{ status: 200, description: "With dryRun: the preview; nothing changed", schema: ref("ImportPreview") }],
    },
  },
  "/api/v1/sources/export": {
    get: {
      summary: "Download sources as CSL-JSON or BibTeX",
      access: "Any member",
      query: queryOf(ZExportQuery, { documentId: "Only the sources this document cites" }),
      ok: { status: 200, description: "The file", content: { "application/vnd.citationstyles.csl+json": { schema: file }, "application/x-bibtex": { schema: file } }, headers: attachment },
    },
  },
};
