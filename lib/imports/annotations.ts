import "server-only";
import { requireMember, visibleAnnotations, visibleDocuments } from "@/lib/access";
import { AnchorText, type TAnchorResult } from "@/lib/anchoring/reanchor";
import { reanchorMany } from "@/lib/anchoring/reanchor-async";
import { CONTEXT_LENGTH } from "@/lib/anchoring/selectors";
import { insertAnnotations, type TNewAnnotation } from "@/lib/annotations/mutations";
import { db, type TTx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { evidenceSnapshot, evidenceSnapshotSelect } from "@/lib/evidence/present";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ImportParseError, parseAnnotationImport, type TImportedSource, type TParsedAnnotation } from "@/lib/imports/parse";
import {
  MAX_ANNOTATION_IMPORT_BYTES,
  type TAnnotationImportFormat,
  type TAnnotationImportPreview,
  type TAnnotationImportResult,
  type TImportPreviewItem,
  type TImportSourcePlan,
} from "@/lib/imports/schemas";
import { foldForSearch } from "@/lib/sources/fold";
import { sourceLabel } from "@/lib/sources/label";
import { normaliseUrl } from "@/lib/sources/match-keys";
import { labelOfRow, labelSelect } from "@/lib/sources/present";
import { ZInlineSource, type TInlineSource } from "@/lib/sources/schemas";
import { needsEvidence, STATUS_INFO, type TStatus } from "@/lib/statuses";

type TOptions = { userId: string; documentId: string; format: TAnnotationImportFormat; content: string };
type TDocument = { id: string; workspaceId: string; text: string; length: number; revision: number };

/** Time for one transaction of a few thousand inserts; the default 5 s is for single edits. */
const IMPORT_TIMEOUT_MS = 120_000;
const MAX_NOTE = 20_000;
/** A registry title found inside a formatted citation must be at least this long (folded) to count. */
const MIN_TITLE_IN_CITATION = 12;
/** Our source pages (…/sources/:id), which our export links to for a source without its own URL. */
const APP_SOURCE_URL = /\/sources\/([^/?#]+)$/;

/** The document (404 when not visible), the caller's role (REVIEWER, else 403), and the file read (413, 400, 422). */
async function load(options: TOptions) {
  const doc = await db().document.findFirst({
    where: { id: options.documentId, ...visibleDocuments(options.userId) },
    select: { id: true, workspaceId: true, text: true, length: true, revision: true },
  });
  if (!doc) throw notFound("Document not found");
  await requireMember({ userId: options.userId, workspaceId: doc.workspaceId, role: "REVIEWER" });
  if (Buffer.byteLength(options.content, "utf8") > MAX_ANNOTATION_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 5 MB");
  try {
    return { doc, parsed: parseAnnotationImport(options.content, options.format) };
  } catch (error) {
    if (!(error instanceof ImportParseError)) throw error;
    throw new AppError(error.kind === "json" ? "BAD_REQUEST" : "VALIDATION", error.message, { content: error.message });
  }
}

type TRegistrySource = { id: string; title: string; url: string; aliases: string[] } & Parameters<typeof labelOfRow>[0];

/**
 * Finds a claimed source in the workspace's registry: a link to its page here, the same URL
 * (normalised as source import does), the same title or alias (folded), or a title of the
 * registry inside a formatted citation ("de Waal, T. (2003). Black garden…"), longest first.
 */
function sourceMatcher(existing: TRegistrySource[]) {
  const byId = new Map(existing.map((s) => [s.id, s]));
  const byUrl = new Map<string, TRegistrySource>();
  const byTitle = new Map<string, TRegistrySource>();
  for (const s of existing) {
    const url = normaliseUrl(s.url);
    if (url && !byUrl.has(url)) byUrl.set(url, s);
    for (const title of [s.title, ...s.aliases]) {
      const folded = foldForSearch(title);
      if (folded && !byTitle.has(folded)) byTitle.set(folded, s);
    }
  }
  const longTitles = [...byTitle.entries()].filter(([t]) => t.length >= MIN_TITLE_IN_CITATION).sort((a, b) => b[0].length - a[0].length);
  const cache = new Map<string, { source: TRegistrySource; by: "id" | "url" | "title" } | null>();
  return (imported: TImportedSource) => {
    const key = `${imported.url}\n${imported.citation}`;
    if (cache.has(key)) return cache.get(key) ?? null;
    const found = (() => {
      const appId = APP_SOURCE_URL.exec(imported.url)?.[1];
      const own = appId ? byId.get(safeDecode(appId)) : undefined;
      if (own) return { source: own, by: "id" as const };
      const url = normaliseUrl(imported.url);
      if (url && byUrl.has(url)) return { source: byUrl.get(url) as TRegistrySource, by: "url" as const };
      const citation = foldForSearch(imported.citation);
      if (!citation) return null;
      if (byTitle.has(citation)) return { source: byTitle.get(citation) as TRegistrySource, by: "title" as const };
      const padded = ` ${citation} `;
      const inside = longTitles.find(([title]) => padded.includes(` ${title} `));
      return inside ? { source: inside[1], by: "title" as const } : null;
    })();
    cache.set(key, found);
    return found;
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A source to create for a claimed source the registry does not have: the citation as its title, the URL when it is one. */
function newSource(imported: TImportedSource) {
  const ownPage = APP_SOURCE_URL.test(imported.url) && !!imported.citation;
  const url = ownPage ? "" : imported.url;
  const title = (imported.citation.trim() || url).slice(0, 500);
  const parsed = ZInlineSource.safeParse({ kind: imported.citation ? "OTHER" : "WEBSITE", title, url });
  // An address our registry would refuse (not http or https) is left out rather than the source.
  const input = parsed.success ? parsed.data : ZInlineSource.parse({ kind: "OTHER", title });
  return { key: normaliseUrl(url) || foldForSearch(title), input };
}

/** The fields of an evidence item that a copy takes. */
const copiedEvidenceSelect = { ...evidenceSnapshotSelect, id: false, deletedAt: false } as const satisfies Prisma.EvidenceSelect;
type TCopiedEvidence = Prisma.EvidenceGetPayload<{ select: typeof copiedEvidenceSelect }>;

/**
 * What the format does not carry, from the annotations the file names by our own ids (our W3C
 * export), when they are live annotations of this workspace: their locator, attribution wording and
 * live evidence. Scalar reads only, so this runs inside the import's transaction too.
 */
async function originsOf(client: TTx, options: { userId: string; workspaceId: string; ids: string[] }) {
  const annotations = new Map<string, { locator: string; attributionText: string }>();
  const evidence = new Map<string, TCopiedEvidence[]>();
  const ids = [...new Set(options.ids)];
  if (ids.length === 0) return { annotations, evidence };
  const rows = await client.annotation.findMany({
    where: { id: { in: ids }, workspaceId: options.workspaceId, deletedAt: null, ...visibleAnnotations(options.userId) },
    select: { id: true, locator: true, attributionText: true },
  });
  for (const r of rows) annotations.set(r.id, { locator: r.locator, attributionText: r.attributionText });
  const items = await client.evidence.findMany({
    where: { annotationId: { in: rows.map((r) => r.id) }, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { annotationId: true, ...copiedEvidenceSelect },
  });
  for (const { annotationId, ...item } of items) evidence.set(annotationId, [...(evidence.get(annotationId) ?? []), item]);
  return { annotations, evidence };
}

type TPlanItem = TImportPreviewItem & {
  parsed: TParsedAnnotation;
  anchor: TAnchorResult;
  /** The key of the new source it cites, when its source is to be created. */
  newSourceKey: string | null;
  locator: string;
  attributionText: string;
  evidence: TCopiedEvidence[];
};

/** Anchors every item in the text and decides its source, status and note; reads only. */
async function plan(client: TTx, options: { userId: string; doc: TDocument; items: TParsedAnnotation[] }) {
  const { doc } = options;
  const text = new AnchorText(doc.text);
  const existing = await client.source.findMany({
    where: { workspaceId: doc.workspaceId, mergedIntoId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, url: true, aliases: true, ...labelSelect },
  });
  const match = sourceMatcher(existing);
  const origins = await originsOf(client, { userId: options.userId, workspaceId: doc.workspaceId, ids: options.items.flatMap((i) => (i.originId ? [i.originId] : [])) });
  const creating = new Map<string, TInlineSource>();

  // A large batch is found on a worker thread (lib/anchoring/reanchor-async.ts): other requests go on meanwhile.
  const targets = options.items.filter((item) => !item.problem).map(({ exact, prefix, suffix, start, end, positionUnit }) => ({ exact, prefix, suffix, start, end, positionUnit }));
  const found = await reanchorMany(doc.text, targets);
  let nextFound = 0;
  const items = options.items.map((item): TPlanItem => {
    const anchor: TAnchorResult = item.problem ? { state: "failed", reason: item.problem } : found[nextFound++];

    let source: TImportSourcePlan | null = null;
    let newSourceKey: string | null = null;
    if (item.source) {
      const found = match(item.source);
      if (found) source = { id: found.source.id, title: found.source.title, label: labelOfRow(found.source), by: found.by };
      else {
        const fresh = newSource(item.source);
        if (!creating.has(fresh.key)) creating.set(fresh.key, fresh.input);
        newSourceKey = fresh.key;
        const input = creating.get(fresh.key) ?? fresh.input;
        source = { id: null, title: input.title, label: sourceLabel(input), by: null };
      }
    }

    const origin = item.originId ? origins.annotations.get(item.originId) : undefined;
    const evidence = (item.originId && origins.evidence.get(item.originId)) || [];
    const wanted: TStatus = item.status ?? "UNVERIFIED";
    const downgraded = needsEvidence(wanted) && evidence.length === 0;
    const status: TStatus = downgraded ? "IN_PROGRESS" : wanted;
    const statusNote = downgraded ? `Imported as ${STATUS_INFO.IN_PROGRESS.label}: ${STATUS_INFO[wanted].label} needs evidence` : null;
    const note = [statusNote ?? "", item.note].filter(Boolean).join("\n\n").slice(0, MAX_NOTE);

    const old = oldPosition(text, item);
    return {
      index: item.index,
      state: anchor.state,
      ...(anchor.state === "failed" ? { reason: anchor.reason } : { start: anchor.start, end: anchor.end, similarity: anchor.similarity }),
      ...(anchor.state !== "failed" && anchor.exact !== item.exact ? { found: anchor.exact } : {}),
      ...(old ? { oldStart: old.start, oldEnd: old.end } : {}),
      exact: item.exact,
      source,
      status,
      statusNote,
      note,
      locator: origin?.locator ?? "",
      attributionText: origin?.attributionText ?? "",
      evidenceCopied: evidence.length,
      parsed: item,
      anchor,
      newSourceKey,
      evidence,
    };
  });
  return { items, creating, text };
}

/** The old position in code points of this text (Hypothesis' UTF-16 positions converted), when the file gives one. */
function oldPosition(text: AnchorText, item: TParsedAnnotation): { start: number; end: number } | null {
  if (item.start === null || item.end === null) return null;
  return item.positionUnit === "utf-16" ? { start: text.toCp(item.start), end: text.toCp(item.end, true) } : { start: item.start, end: item.end };
}

function countStates(items: { state: TImportPreviewItem["state"] }[]) {
  const counts = { anchored: 0, moved: 0, failed: 0 };
  for (const item of items) counts[item.state]++;
  return counts;
}

/** What an import would do, item by item, without doing it. REVIEWER or above. */
export async function previewAnnotationImport(options: TOptions): Promise<TAnnotationImportPreview> {
  const { doc, parsed } = await load(options);
  const { items } = await plan(db(), { userId: options.userId, doc, items: parsed.items });
  return {
    format: parsed.format,
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the plan's working fields stay on the server
    items: items.map(({ parsed, anchor, newSourceKey, attributionText, evidence, ...shown }) => shown),
    counts: countStates(items),
  };
}

/** The span an orphan keeps: its old position clamped into the text, else the quote's length from the start. */
function orphanSpan(length: number, item: TPlanItem): { start: number; end: number } {
  const quoteLength = Array.from(item.exact).length;
  const start = Math.min(Math.max(0, item.oldStart ?? 0), length - 1);
  const end = Math.min(Math.max(start + 1, item.oldEnd ?? start + quoteLength), length);
  return { start, end };
}

/**
 * Creates the anchored and moved items as annotations, and with `keepOrphans` the failed ones as
 * orphaned annotations (their imported quote, their old span clamped to the text) to be placed by
 * hand; sources the registry lacks are created; evidence from the annotations the file came from
 * (same workspace) comes along with its events. All in one transaction, anchored again inside it
 * against the text as it is then. A failed item without a quote cannot be kept: it is reported
 * with its reason, as are all failed items when `keepOrphans` is false.
 */
export async function importAnnotations(options: TOptions & { keepOrphans: boolean }): Promise<TAnnotationImportResult> {
  const { userId } = options;
  const { parsed } = await load(options);
  return db().$transaction(
    async (tx) => {
      // The text as it is now, under a share lock, so it cannot change before the commit.
      await tx.$queryRaw`SELECT id FROM "Document" WHERE id = ${options.documentId} FOR SHARE`;
      const doc = await tx.document.findUniqueOrThrow({
        where: { id: options.documentId },
        select: { id: true, workspaceId: true, text: true, length: true, revision: true },
      });
      const { items, creating, text } = await plan(tx, { userId, doc, items: parsed.items });

      const sourceIds = new Map<string, string>();
      const keys = [...creating.keys()];
      if (keys.length > 0) {
        const created = await tx.source.createManyAndReturn({
          data: keys.map((key) => ({ ...(creating.get(key) as TInlineSource), workspaceId: doc.workspaceId, createdById: userId })),
          select: { id: true, title: true },
        });
        created.forEach((row, i) => {
          if (row.title !== creating.get(keys[i])?.title) throw new Error("Bulk insert returned sources out of order");
          sourceIds.set(keys[i], row.id);
        });
      }

      const kept: TPlanItem[] = [];
      const failures: TAnnotationImportResult["failures"] = [];
      const rows: TNewAnnotation[] = [];
      for (const item of items) {
        const sourceId = item.source?.id ?? (item.newSourceKey ? (sourceIds.get(item.newSourceKey) ?? null) : null);
        const common = { sourceId, locator: item.locator, attributionText: item.attributionText, status: item.status, note: item.note, evidenceCount: item.evidence.length };
        if (item.anchor.state !== "failed") {
          const span = { start: item.anchor.start, end: item.anchor.end };
          rows.push({ ...span, ...quoteAt(text, span), ...common, orphaned: false });
        } else if (options.keepOrphans && item.exact && doc.length > 0) {
          rows.push({ ...orphanSpan(doc.length, item), exact: item.exact, prefix: item.parsed.prefix, suffix: item.parsed.suffix, ...common, orphaned: true });
        } else {
          failures.push({ index: item.index, reason: item.reason ?? "Not found" });
          continue;
        }
        kept.push(item);
      }
      const created = await insertAnnotations(tx, { userId, document: doc, annotations: rows });
      await copyEvidence(tx, { userId, workspaceId: doc.workspaceId, annotations: created, items: kept });

      const orphaned = rows.filter((r) => r.orphaned).length;
      return {
        documentId: doc.id,
        created: rows.length - orphaned,
        orphaned,
        failed: failures.length,
        failures,
        sourcesCreated: keys.length,
      };
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/** The quote selector of a span, read from the prepared text (cpSlice would walk the text three times per item). */
function quoteAt(text: AnchorText, span: { start: number; end: number }) {
  return {
    exact: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - CONTEXT_LENGTH), span.start),
    suffix: text.slice(span.end, Math.min(text.length, span.end + CONTEXT_LENGTH)),
  };
}

/** Adds the copied evidence items, with one EVIDENCE_ADDED event each (versions 2, 3, … of their annotation). */
async function copyEvidence(
  tx: TTx,
  options: { userId: string; workspaceId: string; annotations: { id: string; workspaceId: string; documentId: string }[]; items: TPlanItem[] },
) {
  const pairs = options.annotations.flatMap((a, i) => options.items[i].evidence.map((item, n) => ({ annotation: a, item, version: n + 2 })));
  if (pairs.length === 0) return;
  const rows = await tx.evidence.createManyAndReturn({
    data: pairs.map(({ annotation, item }) => ({ ...item, workspaceId: options.workspaceId, annotationId: annotation.id, createdById: options.userId })),
    select: { ...evidenceSnapshotSelect, annotationId: true },
  });
  rows.forEach((row, i) => {
    if (row.annotationId !== pairs[i].annotation.id || row.passage !== pairs[i].item.passage) throw new Error("Bulk insert returned evidence out of order");
  });
  await tx.annotationEvent.createMany({
    data: rows.map((row, i) => ({
      annotationId: row.annotationId,
      workspaceId: options.workspaceId,
      documentId: pairs[i].annotation.documentId,
      type: "EVIDENCE_ADDED" as const,
      actorId: options.userId,
      version: pairs[i].version,
      after: evidenceSnapshot(row),
    })),
  });
}
