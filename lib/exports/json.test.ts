import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { STANCES } from "@/lib/evidence/schemas";
import { EXPORT_SCHEMA_PATH, renderJson, toExportJson } from "@/lib/exports/json";
import { fixtureReport, ORIGIN, RU_PAGE_STARTS } from "@/lib/exports/report-fixture";
import { SOURCE_KINDS } from "@/lib/sources/schemas";
import { SIGN_OFF_STATES, STATUSES } from "@/lib/statuses";

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../../public", EXPORT_SCHEMA_PATH), "utf8"));
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function errors(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

describe("JSON export", () => {
  it("is valid against its published schema, with and without text and comments", async () => {
    const report = fixtureReport();
    const file = await renderJson(report);
    expect(file).toMatchObject({ contentType: "application/json; charset=utf-8", extension: "json" });
    const data = JSON.parse(String(file.body));
    expect(errors(data)).toEqual([]);
    expect(data).toMatchObject({ $schema: `${ORIGIN}/schemas/provenant-export-v2.json`, version: 2, generatedAt: report.generatedAt, workspace: { id: "ws-1", name: "Khojaly desk" } });

    report.options = { includeText: false, includeComments: false, statuses: ["VERIFIED"] };
    report.documents.forEach((d) => (d.text = null));
    const lean = toExportJson(report);
    expect(errors(lean)).toEqual([]);
    expect(lean.documents[0].annotations[0]).not.toHaveProperty("comments");
    expect(lean.options).toEqual({ statuses: ["VERIFIED"], includeText: false, includeComments: false });
  });

  it("gives each annotation its source's label and outlet and the attribution wording as fields, valid against the schema", () => {
    const report = fixtureReport();
    report.documents[0].annotations.find((a) => a.id === "a-contradicted")!.attributionText = "according to Newsweek";
    const data = toExportJson(report);
    expect(errors(data)).toEqual([]);
    const a = data.documents[0].annotations.find((x) => x.id === "a-contradicted")!;
    expect(a).toMatchObject({ sourceLabel: "Newsweek · 16 March 1992 · Massacre in the Caucasus", sourceOutlet: "Newsweek", attributionText: "according to Newsweek" });
    const bare = data.documents.flatMap((d) => d.annotations).find((x) => x.sourceId === null)!;
    expect(bare).toMatchObject({ sourceLabel: null, sourceOutlet: "" });
  });

  it("holds everything about an annotation, naming sources by id from one list", () => {
    const data = toExportJson(fixtureReport());
    const a = data.documents[0].annotations[0];
    expect(a).toMatchObject({
      id: "a-verified",
      url: `${ORIGIN}/api/v1/annotations/a-verified`,
      n: 1,
      start: 0,
      end: 26,
      exact: "Memorial reported 613 kill",
      suffix: "ed in Khojaly",
      status: "VERIFIED",
      statusLabel: "Verified",
      sourceId: "src-memorial",
      locator: "p. 4",
      signOff: "CONFIRMED",
      signedOffBy: { id: "u-bob", name: "Bob Editor" },
      chain: [{ sourceId: "src-dewaal", locator: "p. 170" }],
      evidence: [{ id: "ev-1", sourceId: "src-memorial", passage: "613 people were killed", stance: "SUPPORTS" }],
      comments: [{ id: "c-1", text: "Looks right.", author: { name: "Bob Editor" } }],
    });
    expect(data.sources.map((s) => s.id)).toEqual(["src-dewaal", "src-newsweek", "src-memorial"]);
    expect(data.sources[0]).not.toHaveProperty("workspaceId");
    expect(data.documents[1].annotations.find((x) => x.id === "a-orphan")?.orphaned).toBe(true);
  });

  it("holds each document's provenance and pages, and each annotation's page", () => {
    const [pasted, pdf] = toExportJson(fixtureReport()).documents;
    expect(pdf).toMatchObject({
      id: "doc-ru",
      format: "pdf",
      metadata: {
        authors: ["Олег Орлов", "Александр Черкасов"],
        publisher: "Правозащитный центр «Мемориал»",
        datePublished: "1992-03",
        originalUrl: "https://memo.example/doklad.pdf",
        retrievedAt: "2026-01-15T09:30:00.000Z",
        archivedUrl: "https://archive.example/memo/doklad.pdf",
        language: "ru",
      },
      metadataVersion: 2,
      original: { sha256: "ab".repeat(32), size: 1_234_567, mediaType: "application/pdf" },
      pages: RU_PAGE_STARTS.map((start, i) => ({ number: i + 1, start })),
    });
    // The file's name stays with the app (it may say more than the export should).
    expect(pdf.original).not.toHaveProperty("fileName");
    expect(pdf.annotations.map((a) => [a.id, a.page, a.endPage])).toEqual([
      ["a-ru", 1, 2],
      ["a-long", 3, 3],
      ["a-progress", 3, 3],
      ["a-orphan", 1, 1],
    ]);
    expect(pasted).toMatchObject({ format: "txt", original: null, pages: null, metadata: { authors: [], publisher: null, retrievedAt: null } });
    expect(pasted.annotations[0]).toMatchObject({ page: null, endPage: null });
  });

  it("is refused by the schema when it drifts from the shape", () => {
    const data = toExportJson(fixtureReport());
    const drifted = structuredClone(data) as unknown as { documents: { annotations: Record<string, unknown>[] }[] };
    drifted.documents[0].annotations[0].status = "MAYBE";
    drifted.documents[0].annotations[0].extra = 1;
    expect(errors(drifted).length).toBeGreaterThan(0);
    expect(errors({ ...data, version: 1 }).length).toBeGreaterThan(0);
    const unpaged = structuredClone(data) as unknown as { documents: { pages: unknown }[] };
    unpaged.documents[1].pages = [];
    expect(errors(unpaged).length).toBeGreaterThan(0);
  });

  it("names the statuses, sign-off states, stances and source kinds the app has", () => {
    expect(schema.definitions.status.enum).toEqual([...STATUSES]);
    expect(Object.keys(schema.definitions.statusCounts.properties)).toEqual([...STATUSES]);
    expect(schema.definitions.signOff.enum).toEqual([...SIGN_OFF_STATES]);
    expect(schema.definitions.stance.enum).toEqual([...STANCES]);
    expect(schema.definitions.sourceKind.enum).toEqual([...SOURCE_KINDS]);
  });
});
