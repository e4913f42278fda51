import "server-only";
import { requireMember } from "@/lib/access";
import { db, type TTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES, type TImportItem, type TImportPreview, type TImportResult, type TImportSources } from "@/lib/sources/import-schemas";
import { InterchangeError, parseSources } from "@/lib/sources/interchange";
import { buildMatchIndex, findMatch, matchKeys } from "@/lib/sources/match-keys";
import { insertSource } from "@/lib/sources/mutations";
import { presentSource } from "@/lib/sources/present";
import type { TInlineSource } from "@/lib/sources/schemas";

type TOptions = { userId: string } & Omit<TImportSources, "dryRun">;

/** Importing makes sources, which REVIEWER and above may do; a file is checked before it is parsed. */
async function parseAllowed(options: TOptions) {
  await requireMember({ userId: options.userId, workspaceId: options.workspaceId, role: "REVIEWER" });
  if (new TextEncoder().encode(options.content).length > MAX_IMPORT_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 5 MB");
  }
  try {
    return parseSources(options.content, options.format);
  } catch (error) {
    if (error instanceof InterchangeError) throw new AppError("VALIDATION", error.message, { content: error.message });
    throw error;
  }
}

/**
 * Pairs each entry with the existing source it matches, else with an earlier entry of the file it
 * repeats. Existing sources are read through `client` so that an import sees them inside its own
 * transaction; merged sources are not matched (their records live on in the kept source).
 */
async function plan(client: TTx, workspaceId: string, entries: TInlineSource[]): Promise<TImportItem[]> {
  const existing = await client.source.findMany({
    where: { workspaceId, mergedIntoId: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, doi: true, isbn: true, url: true, issued: true, aliases: true },
  });
  const index = buildMatchIndex(existing);
  // Match keys of the file's new entries, to their index; an entry's own aliases do not count.
  const inFile = new Map<string, number>();
  return entries.map((entry, i) => {
    const found = findMatch(entry, index);
    if (found) return { index: i, entry, match: { sourceId: found.record.id, title: found.record.title, by: found.by }, duplicateOf: null };
    const earlier = findMatch(entry, inFile);
    if (!earlier) for (const { key } of matchKeys({ ...entry, aliases: [] })) if (!inFile.has(key)) inFile.set(key, i);
    return { index: i, entry, match: null, duplicateOf: earlier ? earlier.record : null };
  });
}

/** What an import would do, without doing it. */
export async function previewImport(options: TOptions): Promise<TImportPreview> {
  const { entries, problems } = await parseAllowed(options);
  return { items: await plan(db(), options.workspaceId, entries), problems };
}

/** Time for one transaction of a few thousand inserts; the default 5 s is for single edits. */
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Creates the entries that match nothing, all in one transaction: any failure leaves the
 * workspace as it was. Matching is done again inside the transaction, so the result reflects the
 * sources as they were when it ran.
 */
export async function importSources(options: TOptions): Promise<TImportResult> {
  const { entries, problems } = await parseAllowed(options);
  return db().$transaction(
    async (tx) => {
      const items = await plan(tx, options.workspaceId, entries);
      const created = [];
      for (const item of items) {
        if (item.match || item.duplicateOf !== null) continue;
        created.push(presentSource(await insertSource(tx, { userId: options.userId, workspaceId: options.workspaceId, input: item.entry })));
      }
      const matched = items.flatMap((item) => (item.match ? [{ index: item.index, ...item.match }] : []));
      return { created, matched, problems };
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
}
