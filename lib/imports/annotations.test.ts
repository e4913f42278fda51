import { describe, expect, it } from "vitest";
import { cpLength } from "@/lib/anchoring/code-points";
import { db } from "@/lib/db";
import { addEvidenceTo, create, eventsOf, testWorkspace, update } from "@/lib/testing/annotation-fixtures";
import type { TAnnotation } from "@/lib/annotations/schemas";
import { STATUS_INFO } from "@/lib/statuses";
import { importAnnotations, previewAnnotationImport } from "./annotations";

const TEXT = [
  "😀 Justice for Khojaly. Memorial reported 613 killed in Khojaly on 26 February 1992.",
  "Newsweek, 16 March 1992, quoted the same figure from the town's mayor.",
  "The 𠀀 airport was the only one in the region.",
].join("\n");

const ORIGIN = "https://provenant.example";

/** Code-point span of the first occurrence of `needle`. */
function spanOf(text: string, needle: string) {
  const start = cpLength(text.slice(0, text.indexOf(needle)));
  return { start, end: start + cpLength(needle) };
}

/** An annotation as our W3C export writes it (lib/exports/w3c.ts). */
function w3c(a: TAnnotation) {
  const body: Record<string, unknown>[] = [];
  if (a.source) {
    body.push({ type: "SpecificResource", purpose: "linking", source: a.source.url || `${ORIGIN}/sources/${a.source.id}` });
    body.push({ type: "TextualBody", purpose: "tagging", value: a.source.title, format: "text/plain" });
  }
  body.push({ type: "TextualBody", purpose: "assessing", value: STATUS_INFO[a.status].label, format: "text/plain", language: "en" });
  body.push({ type: "TextualBody", purpose: "classifying", value: a.status, format: "text/plain" });
  if (a.note) body.push({ type: "TextualBody", purpose: "commenting", value: a.note, format: "text/plain" });
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `${ORIGIN}/api/v1/annotations/${a.id}`,
    type: "Annotation",
    created: a.createdAt,
    modified: a.updatedAt,
    creator: { id: `${ORIGIN}/users/${a.createdBy.id}`, type: "Person", name: a.createdBy.name },
    body,
    target: {
      source: `${ORIGIN}/documents/${a.documentId}`,
      selector: [
        { type: "TextQuoteSelector", exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        { type: "TextPositionSelector", start: a.start, end: a.end },
      ],
    },
  };
}

function collection(items: unknown[]) {
  return JSON.stringify({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", total: items.length, first: { type: "AnnotationPage", items } });
}

async function copyOf(workspaceId: string, ownerId: string, text: string) {
  return db().document.create({ data: { workspaceId, title: "Copy", text, sha256: "x", length: cpLength(text), createdById: ownerId }, select: { id: true } });
}

/** A workspace whose document has three annotations: a verified one with evidence, one citing a URL source, one with a note. */
async function annotated() {
  const ws = await testWorkspace(TEXT);
  const { users } = ws;
  const memorial = await db().source.create({ data: { workspaceId: ws.workspaceId, kind: "REPORT", title: "Memorial Human Rights Centre report", createdById: users.OWNER.id } });
  const newsweek = await db().source.create({
    data: { workspaceId: ws.workspaceId, kind: "NEWS_ARTICLE", title: "Massacre in the Caucasus", url: "https://www.newsweek.com/massacre-caucasus", createdById: users.OWNER.id },
  });
  const verified = await create(users.REVIEWER.id, ws.documentId, { ...spanOf(TEXT, "613 killed in Khojaly"), sourceId: memorial.id, locator: "p. 4" });
  await addEvidenceTo(users.REVIEWER.id, verified.id, { stance: "SUPPORTS", passage: "613 persons were killed", locator: "p. 4" });
  const v = await update(users.REVIEWER.id, verified.id, { version: 2, status: "VERIFIED" });
  const quoted = await create(users.REVIEWER.id, ws.documentId, { ...spanOf(TEXT, "quoted the same figure"), sourceId: newsweek.id, status: "SOURCE_NOT_FOUND" });
  const airport = await create(users.REVIEWER.id, ws.documentId, { ...spanOf(TEXT, "The 𠀀 airport"), status: "IN_PROGRESS", note: "Which airport?" });
  return { ...ws, memorial, newsweek, annotations: [v, quoted, airport] };
}

describe("previewAnnotationImport (real database)", () => {
  it("shows where each item goes, which sources match, and writes nothing", async () => {
    const ws = await annotated();
    const edited = TEXT.replace("Newsweek, 16 March 1992, quoted", "Newsweek (16 March 1992) quoted").replace("The 𠀀 airport", "The 𠀀 runway");
    const copy = await copyOf(ws.workspaceId, ws.users.OWNER.id, `Preface 😀.\n${edited}`);
    const content = collection(ws.annotations.map(w3c));
    const before = await db().annotation.count({ where: { workspaceId: ws.workspaceId } });

    const preview = await previewAnnotationImport({ userId: ws.users.REVIEWER.id, documentId: copy.id, format: "w3c", content });
    expect(preview.counts).toEqual({ anchored: 0, moved: 2, failed: 1 });
    const [verified, quoted, airport] = preview.items;
    const copyText = `Preface 😀.\n${edited}`;
    expect(verified).toMatchObject({
      state: "moved",
      ...spanOf(copyText, "613 killed in Khojaly"),
      oldStart: ws.annotations[0].start,
      similarity: 1,
      source: { id: ws.memorial.id, title: ws.memorial.title, by: "id" },
      status: "VERIFIED",
      statusNote: null,
      evidenceCopied: 1,
      locator: "p. 4",
    });
    expect(quoted).toMatchObject({ state: "moved", source: { id: ws.newsweek.id, by: "url" }, status: "SOURCE_NOT_FOUND", ...spanOf(copyText, "quoted the same figure") });
    expect(airport).toMatchObject({ state: "failed", reason: expect.stringContaining("not in the text"), exact: "The 𠀀 airport", note: "Which airport?" });
    expect(await db().annotation.count({ where: { workspaceId: ws.workspaceId } })).toBe(before);
  });

  it("checks who may import: VIEWER 403, another workspace 404", async () => {
    const ws = await annotated();
    const other = await testWorkspace(TEXT);
    const content = collection(ws.annotations.map(w3c));
    await expect(previewAnnotationImport({ userId: ws.users.VIEWER.id, documentId: ws.documentId, format: "w3c", content })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importAnnotations({ userId: ws.users.VIEWER.id, documentId: ws.documentId, format: "w3c", content, keepOrphans: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(previewAnnotationImport({ userId: other.users.OWNER.id, documentId: ws.documentId, format: "w3c", content })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(importAnnotations({ userId: ws.users.STRANGER.id, documentId: ws.documentId, format: "w3c", content, keepOrphans: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses broken JSON (400), a file of no known shape (422) and one over 5 MB (413), naming the content", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const run = (content: string) => previewAnnotationImport({ userId: users.REVIEWER.id, documentId, format: "w3c", content });
    await expect(run("{ not json")).rejects.toMatchObject({ code: "BAD_REQUEST", fields: { content: expect.stringContaining("not valid JSON") } });
    await expect(run(JSON.stringify({ hello: "world" }))).rejects.toMatchObject({ code: "VALIDATION", fields: { content: expect.stringContaining("not a W3C Web Annotation") } });
    await expect(run(`[${" ".repeat(5 * 1024 * 1024)}]`)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });
});

describe("importAnnotations (real database)", () => {
  it("round-trips W3C into a copy: same spans, sources, statuses; one CREATED event each; evidence copied with its event", async () => {
    const ws = await annotated();
    const copy = await copyOf(ws.workspaceId, ws.users.OWNER.id, TEXT);
    const sourcesBefore = await db().source.count({ where: { workspaceId: ws.workspaceId } });
    const result = await importAnnotations({ userId: ws.users.REVIEWER2.id, documentId: copy.id, format: "w3c", content: collection(ws.annotations.map(w3c)), keepOrphans: true });
    expect(result).toEqual({ documentId: copy.id, created: 3, orphaned: 0, failed: 0, failures: [], sourcesCreated: 0 });
    expect(await db().source.count({ where: { workspaceId: ws.workspaceId } })).toBe(sourcesBefore);

    const rows = await db().annotation.findMany({ where: { documentId: copy.id }, orderBy: { start: "asc" } });
    expect(rows.map((r) => [r.start, r.end, r.exact, r.sourceId, r.status, r.note, r.orphaned])).toEqual(
      ws.annotations.map((a) => [a.start, a.end, a.exact, a.source?.id ?? null, a.status, a.note, false]),
    );
    // The verdict is the importer's, and waits for sign-off as this workspace asks.
    expect(rows[0]).toMatchObject({ verdictById: ws.users.REVIEWER2.id, signOff: "AWAITING", locator: "p. 4", version: 2, prefix: ws.annotations[0].prefix });
    expect(rows[2]).toMatchObject({ verdictById: null, signOff: "NONE", version: 1 });

    const events = await eventsOf(rows[0].id);
    expect(events.map((e) => [e.type, e.version, e.actorId])).toEqual([
      ["CREATED", 1, ws.users.REVIEWER2.id],
      ["EVIDENCE_ADDED", 2, ws.users.REVIEWER2.id],
    ]);
    expect(events[0].after).toMatchObject({ start: rows[0].start, exact: "613 killed in Khojaly", status: "VERIFIED", sourceId: ws.memorial.id });
    expect(events[1].after).toMatchObject({ passage: "613 persons were killed", stance: "SUPPORTS", locator: "p. 4" });
    expect(await db().evidence.count({ where: { annotationId: rows[0].id, deletedAt: null } })).toBe(1);
    for (const row of rows.slice(1)) expect((await eventsOf(row.id)).map((e) => e.type)).toEqual(["CREATED"]);

    // The editors and owners are asked to sign off each imported verdict, as for one given by hand; the importer is told nothing.
    const verdicts = rows.filter((r) => r.signOff === "AWAITING").map((r) => r.id);
    expect(verdicts).toHaveLength(2);
    const asked = await db().notification.findMany({ where: { annotation: { documentId: copy.id } }, select: { userId: true, kind: true, actorId: true, annotationId: true } });
    const expected = verdicts.flatMap((id) => [ws.users.OWNER.id, ws.users.EDITOR.id].map((userId) => [id, userId, "SIGN_OFF_REQUESTED", ws.users.REVIEWER2.id].join()));
    expect(asked.map((n) => [n.annotationId, n.userId, n.kind, n.actorId].join()).sort()).toEqual(expected.sort());
  });

  it("imports a verdict that needs evidence as In progress, and says so, when the file comes from elsewhere", async () => {
    const ws = await annotated();
    const other = await testWorkspace(TEXT);
    const result = await importAnnotations({ userId: other.users.REVIEWER.id, documentId: other.documentId, format: "w3c", content: collection(ws.annotations.map(w3c)), keepOrphans: true });
    expect(result).toMatchObject({ created: 3, sourcesCreated: 2 });
    const rows = await db().annotation.findMany({ where: { documentId: other.documentId }, orderBy: { start: "asc" }, include: { source: true } });
    expect(rows[0]).toMatchObject({ status: "IN_PROGRESS", note: "Imported as In progress: Verified needs evidence", locator: "" });
    expect(rows[0].source).toMatchObject({ workspaceId: other.workspaceId, title: "Memorial Human Rights Centre report", url: "", kind: "OTHER" });
    expect(rows[1].source).toMatchObject({ workspaceId: other.workspaceId, url: "https://www.newsweek.com/massacre-caucasus" });
    // Source not found needs no evidence: it stays.
    expect(rows[1].status).toBe("SOURCE_NOT_FOUND");
  });

  it("keeps failed items as orphaned annotations with the imported quote and the old span clamped, or reports them", async () => {
    const ws = await annotated();
    const edited = TEXT.replace("The 𠀀 airport was the only one", "It was the only one");
    const copy = await copyOf(ws.workspaceId, ws.users.OWNER.id, edited);
    const content = collection(ws.annotations.map(w3c));

    const dropped = await importAnnotations({ userId: ws.users.REVIEWER.id, documentId: copy.id, format: "w3c", content, keepOrphans: false });
    expect(dropped).toMatchObject({ created: 2, orphaned: 0, failed: 1, failures: [{ index: 2, reason: expect.stringContaining("not in the text") }] });
    expect(await db().annotation.count({ where: { documentId: copy.id } })).toBe(2);

    const second = await copyOf(ws.workspaceId, ws.users.OWNER.id, edited);
    const kept = await importAnnotations({ userId: ws.users.REVIEWER.id, documentId: second.id, format: "w3c", content, keepOrphans: true });
    expect(kept).toMatchObject({ created: 2, orphaned: 1, failed: 0 });
    const orphan = await db().annotation.findFirstOrThrow({ where: { documentId: second.id, orphaned: true } });
    const length = cpLength(edited);
    expect(orphan).toMatchObject({ exact: "The 𠀀 airport", prefix: ws.annotations[2].prefix, status: "IN_PROGRESS", note: "Which airport?" });
    expect(orphan.start).toBe(Math.min(ws.annotations[2].start, length - 1));
    expect(orphan.end).toBe(Math.min(ws.annotations[2].end, length));
    const [created] = await eventsOf(orphan.id);
    expect(created).toMatchObject({ type: "CREATED", version: 1 });
    expect(created.after).toMatchObject({ exact: "The 𠀀 airport", orphaned: true });
  });

  it("places an orphan at a selection: the quote comes from the text, one UPDATED event, version-checked", async () => {
    const ws = await annotated();
    const edited = TEXT.replace("The 𠀀 airport was", "The 𠀀 airfield was");
    const copy = await copyOf(ws.workspaceId, ws.users.OWNER.id, edited);
    await importAnnotations({ userId: ws.users.REVIEWER.id, documentId: copy.id, format: "w3c", content: collection([w3c(ws.annotations[2])]), keepOrphans: true });
    const orphan = await db().annotation.findFirstOrThrow({ where: { documentId: copy.id, orphaned: true } });

    await expect(update(ws.users.REVIEWER.id, orphan.id, { version: 2, orphaned: false, ...spanOf(edited, "The 𠀀 airfield") })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(() => update(ws.users.REVIEWER.id, orphan.id, { version: 1, orphaned: false })).toThrow("Send where to place it (start and end)");
    const placed = await update(ws.users.REVIEWER.id, orphan.id, { version: 1, orphaned: false, ...spanOf(edited, "The 𠀀 airfield") });
    expect(placed).toMatchObject({ orphaned: false, exact: "The 𠀀 airfield", version: 2, ...spanOf(edited, "The 𠀀 airfield") });
    const events = await eventsOf(orphan.id);
    expect(events.map((e) => e.type)).toEqual(["CREATED", "UPDATED"]);
    expect(events[1].before).toMatchObject({ exact: "The 𠀀 airport", orphaned: true });
    expect(events[1].after).toMatchObject({ exact: "The 𠀀 airfield", orphaned: false });
  });

  it("places an orphan even at its own guessed span, taking the quote from the text", async () => {
    const ws = await annotated();
    const edited = TEXT.replace("The 𠀀 airport was", "The 𠀀 airfield was");
    const copy = await copyOf(ws.workspaceId, ws.users.OWNER.id, edited);
    await importAnnotations({ userId: ws.users.REVIEWER.id, documentId: copy.id, format: "w3c", content: collection([w3c(ws.annotations[2])]), keepOrphans: true });
    const orphan = await db().annotation.findFirstOrThrow({ where: { documentId: copy.id, orphaned: true } });
    const placed = await update(ws.users.REVIEWER.id, orphan.id, { version: 1, orphaned: false, start: orphan.start, end: orphan.end });
    expect(placed.orphaned).toBe(false);
    expect(placed.exact).not.toBe("The 𠀀 airport");
    expect((await eventsOf(orphan.id)).map((e) => e.type)).toEqual(["CREATED", "UPDATED"]);
  });

  it("imports Hypothesis rows: UTF-16 positions, a status tag, other tags in the note; page notes reported", async () => {
    const { documentId, users } = await testWorkspace(TEXT);
    const units = TEXT.indexOf("613 killed");
    const rows = [
      {
        id: "h1",
        user: "acct:rena@hypothes.is",
        uri: "https://example.org/khojaly",
        text: "Check the figure.",
        tags: ["Source not found", "casualties"],
        target: [{ source: "https://example.org/khojaly", selector: [{ type: "TextPositionSelector", start: units, end: units + 10 }, { type: "TextQuoteSelector", exact: "613 killed", prefix: "reported ", suffix: " in" }] }],
      },
      { id: "h2", user: "acct:rena@hypothes.is", uri: "https://example.org/khojaly", text: "A page note", tags: [], target: [{ source: "https://example.org/khojaly" }] },
    ];
    const content = JSON.stringify({ total: 2, rows });
    const preview = await previewAnnotationImport({ userId: users.REVIEWER.id, documentId, format: "hypothesis", content });
    expect(preview.items[0]).toMatchObject({ state: "anchored", ...spanOf(TEXT, "613 killed"), oldStart: units - 1 });
    expect(preview.items[1]).toMatchObject({ state: "failed", reason: "A page note: it is about the whole page, not a passage" });

    const result = await importAnnotations({ userId: users.REVIEWER.id, documentId, format: "hypothesis", content, keepOrphans: true });
    // A page note has no quote to keep: reported, not created.
    expect(result).toMatchObject({ created: 1, orphaned: 0, failed: 1, failures: [{ index: 1, reason: "A page note: it is about the whole page, not a passage" }] });
    const a = await db().annotation.findFirstOrThrow({ where: { documentId } });
    expect(a).toMatchObject({ ...spanOf(TEXT, "613 killed"), status: "SOURCE_NOT_FOUND", note: "Check the figure.\n\nTags: casualties", sourceId: null });
  });

  it("imports two thousand items in one go, each with its CREATED event, a new source created once", async () => {
    const words = TEXT.split(/\s+/).filter((w) => w.length > 3);
    const text = Array.from({ length: 400 }, (_, i) => `${i}: ${words.join(" ")}`).join("\n");
    const { documentId, users } = await testWorkspace(text);
    const items = Array.from({ length: 2000 }, (_, i) => {
      const quote = `${Math.floor(i / 5)}: ${words.slice(0, 2 + (i % 5)).join(" ")}`;
      const start = cpLength(text.slice(0, text.indexOf(`\n${quote}`) + 1));
      return {
        type: "Annotation",
        target: { source: "x", selector: [{ type: "TextQuoteSelector", exact: quote }, { type: "TextPositionSelector", start, end: start + cpLength(quote) }] },
        body: [{ type: "TextualBody", purpose: "tagging", value: "Bulk source" }],
      };
    });
    const result = await importAnnotations({ userId: users.REVIEWER.id, documentId, format: "w3c", content: JSON.stringify(items), keepOrphans: true });
    expect(result).toMatchObject({ created: 2000, failed: 0, sourcesCreated: 1 });
    expect(await db().annotation.count({ where: { documentId } })).toBe(2000);
    expect(await db().annotationEvent.count({ where: { documentId, type: "CREATED" } })).toBe(2000);
  });
});
