import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { STANCES } from "@/lib/evidence/schemas";
import { EXPORT_SCHEMA_PATH, renderJson, toExportJson } from "@/lib/exports/json";
import { fixtureReport, ORIGIN } from "@/lib/exports/report-fixture";
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
    expect(data).toMatchObject({ $schema: `${ORIGIN}/schemas/provenant-export-v1.json`, version: 1, generatedAt: report.generatedAt, workspace: { id: "ws-1", name: "Khojaly desk" } });

    report.options = { includeText: false, includeComments: false, statuses: ["VERIFIED"] };
    report.documents.forEach((d) => (d.text = null));
    const lean = toExportJson(report);
    expect(errors(lean)).toEqual([]);
    expect(lean.documents[0].annotations[0]).not.toHaveProperty("comments");
    expect(lean.options).toEqual({ statuses: ["VERIFIED"], includeText: false, includeComments: false });
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

  it("is refused by the schema when it drifts from the shape", () => {
    const data = toExportJson(fixtureReport());
    const drifted = structuredClone(data) as unknown as { documents: { annotations: Record<string, unknown>[] }[] };
    drifted.documents[0].annotations[0].status = "MAYBE";
    drifted.documents[0].annotations[0].extra = 1;
    expect(errors(drifted).length).toBeGreaterThan(0);
    expect(errors({ ...data, version: 2 }).length).toBeGreaterThan(0);
  });

  it("names the statuses, sign-off states, stances and source kinds the app has", () => {
    expect(schema.definitions.status.enum).toEqual([...STATUSES]);
    expect(Object.keys(schema.definitions.statusCounts.properties)).toEqual([...STATUSES]);
    expect(schema.definitions.signOff.enum).toEqual([...SIGN_OFF_STATES]);
    expect(schema.definitions.stance.enum).toEqual([...STANCES]);
    expect(schema.definitions.sourceKind.enum).toEqual([...SOURCE_KINDS]);
  });
});
