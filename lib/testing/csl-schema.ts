/**
 * Validates CSL-JSON against the CSL 1.0.2 input schema, kept byte for byte in e2e/specs/csl with its
 * licence and origin. The schema is draft-07, which plain Ajv speaks. Used by unit and end-to-end
 * tests only; `__dirname` because Vitest and Playwright both provide it (Playwright loads this
 * repository's TypeScript as CommonJS).
 */
import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";

export const CSL_SCHEMA_PATH = path.resolve(__dirname, "../../e2e/specs/csl/csl-data.json");

let validate: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

function validator() {
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(CSL_SCHEMA_PATH, "utf8"));
    // strict: false because the schema uses annotation keywords (examples) Ajv's strict mode flags.
    validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  }
  return validate;
}

/** The schema's complaints about a CSL-JSON array, as readable lines; [] when it is valid. */
export function cslSchemaErrors(items: unknown): string[] {
  const check = validator();
  if (check(items)) return [];
  return ((check.errors ?? []) as { instancePath: string; message?: string }[]).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim());
}
