/**
 * Checks Web Annotation JSON-LD against the W3C annotation model's own test suite (the
 * web-platform-tests `annotation-model` folder: the files the MUST-level tests use, kept byte for
 * byte in e2e/specs/w3c-annotation-model with their licence and origin). A `.test` file lists assertion schemas (JSON Schema draft-04, hence
 * ajv-draft-04) that `$ref` shared definitions by file name; every assertion of the MUST-level
 * tests expects "valid". Formats (uri, date-time) are checked as the suite intends, through
 * ajv-formats. Used by unit and end-to-end tests only; `__dirname` because Vitest and Playwright
 * both provide it (see lib/testing/csl-schema.ts).
 */
import fs from "node:fs";
import path from "node:path";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";

export const W3C_SPEC_DIR = path.resolve(__dirname, "../../e2e/specs/w3c-annotation-model");

type TAssertion = { file: string; title: string; errorMessage: string; validate: ((data: unknown) => boolean) & { errors?: unknown } };

let ajv: Ajv04 | undefined;
const tests = new Map<string, TAssertion[]>();

function readJson(relative: string): Record<string, unknown> {
  const file = path.join(W3C_SPEC_DIR, relative);
  if (!fs.existsSync(file)) {
    throw new Error(`W3C annotation model test file not found at ${file}: only the files the MUST-level tests use are kept in e2e/specs/w3c-annotation-model`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function instance(): Ajv04 {
  if (!ajv) {
    // strict: false because the assertions carry the suite's own keywords (assertionType, errorMessage, ...).
    ajv = new Ajv04({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const name of fs.readdirSync(path.join(W3C_SPEC_DIR, "definitions")).filter((f) => f.endsWith(".json"))) {
      ajv.addSchema(readJson(`definitions/${name}`));
    }
  }
  return ajv;
}

/** The assertions a `.test` file lists, compiled once. */
function assertions(testFile: string): TAssertion[] {
  let list = tests.get(testFile);
  if (!list) {
    const test = readJson(testFile) as { assertions: unknown[] };
    list = test.assertions.map((entry) => {
      if (typeof entry !== "string") throw new Error(`${testFile}: only assertions named by file are supported`);
      const schema = readJson(entry) as { id: string; title?: string; errorMessage?: string; expectedResult?: string };
      if (schema.expectedResult !== "valid") throw new Error(`${entry}: expected result "${schema.expectedResult}" is not supported`);
      const validate = (instance().getSchema(schema.id) ?? instance().compile(schema)) as TAssertion["validate"];
      return { file: entry, title: schema.title ?? entry, errorMessage: schema.errorMessage ?? schema.title ?? entry, validate };
    });
    tests.set(testFile, list);
  }
  return list;
}

/** The failed assertions of a `.test` file for `data`, as "file: message" lines; [] when all pass. */
export function w3cTestFailures(testFile: string, data: unknown): string[] {
  return assertions(testFile)
    .filter((a) => !a.validate(data))
    .map((a) => `${a.file}: ${a.errorMessage}`);
}

/** MUST-level failures of one annotation (annotations/annotationMusts.test). */
export function w3cAnnotationErrors(annotation: unknown): string[] {
  return w3cTestFailures("annotations/annotationMusts.test", annotation);
}

/**
 * MUST-level failures of an AnnotationCollection with its embedded first page (collections and
 * pages musts, the latter accepting "an Annotation Collection with an embedded Page"), and of each
 * annotation in that page, prefixed with its index.
 */
export function w3cCollectionErrors(collection: unknown): string[] {
  const errors = [...w3cTestFailures("collections/collectionMusts.test", collection), ...w3cTestFailures("collections/pages/pageMusts.test", collection)];
  const items = (collection as { first?: { items?: unknown[] } }).first?.items ?? [];
  items.forEach((item, i) => errors.push(...w3cAnnotationErrors(item).map((e) => `items[${i}] ${e}`)));
  return errors;
}
