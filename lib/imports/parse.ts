/**
 * Reading annotations from W3C Web Annotation JSON-LD and from Hypothesis API JSON into one plain
 * shape: the quote and its context, the old position, the claimed source, the status and the note.
 * An item that cannot be read is kept with the reason (never dropped); a file that is not one of
 * these formats at all is an ImportParseError. Pure: the import page uses it to detect the format.
 */
import { z } from "zod";
import type { TAnnotationImportFormat } from "@/lib/imports/schemas";
import { foldForSearch } from "@/lib/sources/fold";
import { STATUSES, STATUS_INFO, type TStatus } from "@/lib/statuses";

export type TImportedSource = { url: string; citation: string };

export type TParsedAnnotation = {
  /** Position in the file, from 0. */
  index: number;
  /** Why the item cannot be placed at all (no quote, an unsupported selector), else null. */
  problem: string | null;
  exact: string;
  prefix: string;
  suffix: string;
  start: number | null;
  end: number | null;
  /** W3C positions count code points; Hypothesis positions UTF-16 units of the page's own text. */
  positionUnit: "code-points" | "utf-16";
  source: TImportedSource | null;
  status: TStatus | null;
  note: string;
  /**
   * The annotation's id in this app, when its W3C id is our API's address for it
   * (…/api/v1/annotations/:id, as our export writes): an import into the same workspace copies
   * what the format does not carry (evidence, locator) from it.
   */
  originId: string | null;
};

export type TParsedImport = { format: TAnnotationImportFormat; items: TParsedAnnotation[] };

/** The whole file is unreadable: not JSON ("json", a 400) or no known shape ("shape", a 422). */
export class ImportParseError extends Error {
  readonly kind: "json" | "shape";
  constructor(kind: "json" | "shape", message: string) {
    super(message);
    this.name = "ImportParseError";
    this.kind = kind;
  }
}

// ---------------------------------------------------------------------------------------------
// What is read, as zod schemas. Objects are loose: both formats carry much more than we read.

const ZText = (what: string) => z.string({ error: `${what} must be text` });
const ZOffset = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(0, `${what} must be 0 or more`);

const ZQuoteSelector = z.looseObject({
  type: z.literal("TextQuoteSelector"),
  exact: ZText("exact"),
  prefix: ZText("prefix").optional(),
  suffix: ZText("suffix").optional(),
});
const ZPositionSelector = z.looseObject({ type: z.literal("TextPositionSelector"), start: ZOffset("start"), end: ZOffset("end") });
const ZSelector = z.looseObject({ type: ZText("The selector's type") });

// The source may be an IRI or an object describing the document (our own W3C export gives its provenance); neither is read.
const ZTargetObject = z.looseObject({ source: z.unknown().optional(), selector: z.unknown().optional() });
const ZW3CTarget = z.union([z.string(), ZTargetObject], { error: "The target must be an address or an object with a selector" });
const ZStrings = z.union([z.string(), z.array(z.string())]).optional();

const ZW3CAnnotation = z.looseObject({
  id: z.string().optional(),
  type: ZStrings,
  target: z.union([ZW3CTarget, z.array(ZW3CTarget).min(1, "The target list is empty")], { error: "An annotation needs a target" }),
  body: z.unknown().optional(),
  bodyValue: z.string().optional(),
});

const ZW3CBody = z.looseObject({
  type: ZStrings,
  purpose: ZStrings,
  id: z.string().optional(),
  source: z.unknown().optional(),
  value: z.unknown().optional(),
});

const ZHypothesisAnnotation = z.looseObject({
  text: ZText("text").optional(),
  tags: z.array(ZText("A tag"), { error: "tags must be a list of text" }).optional(),
  target: z.array(ZTargetObject, { error: "target must be a list" }).optional(),
  references: z.array(z.string()).optional(),
});

// ---------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** "target.selector.1.start: start must be a whole number" for the first problem zod found. */
function describeIssue(error: z.ZodError, prefix = ""): string {
  const issue = error.issues[0];
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

const FOLDED_STATUSES = new Map<string, TStatus>();
for (const s of STATUSES) {
  FOLDED_STATUSES.set(foldForSearch(STATUS_INFO[s].label), s);
  // The machine value folds to the same words ("PARTLY_VERIFIED" → "partly verified").
  FOLDED_STATUSES.set(foldForSearch(s), s);
}

/** Our status named by a label ("Partly verified") or machine value ("PARTLY_VERIFIED"), any case. */
export function statusFromText(text: string): TStatus | null {
  return FOLDED_STATUSES.get(foldForSearch(text)) ?? null;
}

type TSelection = Pick<TParsedAnnotation, "exact" | "prefix" | "suffix" | "start" | "end" | "problem">;

const NO_QUOTE = { exact: "", prefix: "", suffix: "", start: null, end: null } as const;

/** The quote and position a target's selectors give, or the problem with them. */
function readSelectors(selectors: unknown, where: string): TSelection {
  const all = list(selectors as unknown[] | undefined);
  if (all.length === 0) return { ...NO_QUOTE, problem: "Its target has no selector: it is about the whole page, not a passage" };
  let quote: z.infer<typeof ZQuoteSelector> | null = null;
  let position: z.infer<typeof ZPositionSelector> | null = null;
  const unsupported: string[] = [];
  for (const [i, raw] of all.entries()) {
    const path = Array.isArray(selectors) ? `${where}.${i}` : where;
    const typed = ZSelector.safeParse(raw);
    if (!typed.success) return { ...NO_QUOTE, problem: describeIssue(typed.error, path) };
    if (typed.data.type === "TextQuoteSelector") {
      const parsed = ZQuoteSelector.safeParse(raw);
      if (!parsed.success) return { ...NO_QUOTE, problem: describeIssue(parsed.error, path) };
      quote ??= parsed.data;
    } else if (typed.data.type === "TextPositionSelector") {
      // A position is only a hint: a broken one is passed over, and the quote is looked for instead.
      const parsed = ZPositionSelector.safeParse(raw);
      if (parsed.success && parsed.data.end > parsed.data.start) position ??= parsed.data;
    } else unsupported.push(typed.data.type);
  }
  const start = position?.start ?? null;
  const end = position?.end ?? null;
  if (!quote) {
    const problem = unsupported.length
      ? `${unsupported.join(" and ")} ${unsupported.length === 1 ? "is" : "are"} not supported: a TextQuoteSelector is needed`
      : "It has only a TextPositionSelector: without the quote its place cannot be checked";
    return { exact: "", prefix: "", suffix: "", start, end, problem };
  }
  if (!quote.exact) return { ...NO_QUOTE, start, end, problem: "Its TextQuoteSelector has an empty quote" };
  return { exact: quote.exact, prefix: quote.prefix ?? "", suffix: quote.suffix ?? "", start, end, problem: null };
}

function unreadable(index: number, positionUnit: TParsedAnnotation["positionUnit"], problem: string): TParsedAnnotation {
  return { index, problem, ...NO_QUOTE, positionUnit, source: null, status: null, note: "", originId: null };
}

const joinNote = (parts: string[]) =>
  parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join("\n\n");

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

function ourAnnotationId(iri: string | undefined): string | null {
  const match = iri ? /\/api\/v1\/annotations\/([^/?#]+)$/.exec(iri) : null;
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The annotations of a single Annotation, a list, an AnnotationPage or an AnnotationCollection (embedded pages). */
function w3cItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) throw new ImportParseError("shape", "The file is not a W3C Web Annotation, AnnotationPage or AnnotationCollection");
  const types = list(value.type as string | string[] | undefined);
  if (types.includes("AnnotationCollection") || "first" in value) {
    if (Array.isArray(value.items)) return value.items;
    const items: unknown[] = [];
    // Pages follow one another through `next`; only pages embedded in the file can be read.
    let page: unknown = value.first;
    for (let n = 0; page !== undefined && n < 10_000; n++) {
      if (!isObject(page)) throw new ImportParseError("shape", "The collection's pages are not in the file (only their addresses): export them embedded");
      if (!Array.isArray(page.items)) throw new ImportParseError("shape", "A page of the collection has no items list");
      items.push(...page.items);
      page = page.next;
    }
    return items;
  }
  if (types.includes("AnnotationPage")) {
    if (!Array.isArray(value.items)) throw new ImportParseError("shape", "The AnnotationPage has no items list");
    return value.items;
  }
  if (types.includes("Annotation") || "target" in value) return [value];
  throw new ImportParseError("shape", "The file is not a W3C Web Annotation, AnnotationPage or AnnotationCollection");
}

/** The first string of a body that is one of our statuses, by label or machine value. */
function bodyStatus(body: Record<string, unknown>): { status: TStatus | null; text: string } {
  const value = typeof body.value === "string" ? body.value : "";
  const byValue = value ? statusFromText(value) : null;
  if (byValue) return { status: byValue, text: value };
  // Our machine value, where an exporter adds it beside the label (any key naming a status).
  for (const [key, v] of Object.entries(body)) {
    if (/status/i.test(key) && typeof v === "string" && statusFromText(v)) return { status: statusFromText(v), text: v };
  }
  return { status: null, text: value };
}

function bodyUrl(body: Record<string, unknown>): string {
  for (const v of [body.id, body.source, body.value]) if (typeof v === "string" && /^https?:\/\//i.test(v.trim())) return v.trim();
  if (isObject(body.source) && typeof body.source.id === "string") return body.source.id;
  return "";
}

function parseW3C(raw: unknown, index: number): TParsedAnnotation {
  const parsed = ZW3CAnnotation.safeParse(raw);
  if (!parsed.success) return unreadable(index, "code-points", describeIssue(parsed.error));
  const a = parsed.data;

  const targets = list(a.target);
  const withSelector = targets.findIndex((t) => isObject(t) && t.selector !== undefined);
  const selection =
    withSelector === -1
      ? { ...NO_QUOTE, problem: "Its target has no selector: it is about the whole page, not a passage" }
      : readSelectors((targets[withSelector] as z.infer<typeof ZTargetObject>).selector, Array.isArray(a.target) ? `target.${withSelector}.selector` : "target.selector");

  // Our machine value ("classifying") wins over a label ("assessing"), which wins over a tag.
  const statuses: Record<"classifying" | "assessing" | "tagging", TStatus | null> = { classifying: null, assessing: null, tagging: null };
  const unknownAssessments: string[] = [];
  const notes: string[] = [];
  const tags: string[] = [];
  let url = "";
  let citation = "";
  if (a.bodyValue) notes.push(a.bodyValue);
  for (const [i, rawBody] of list(a.body as unknown[] | undefined).entries()) {
    // A body given as an address is a linked resource: the source claimed, when none is named otherwise.
    if (typeof rawBody === "string") {
      if (!url && /^https?:\/\//i.test(rawBody)) url = rawBody;
      continue;
    }
    const body = ZW3CBody.safeParse(rawBody);
    if (!body.success) return unreadable(index, "code-points", describeIssue(body.error, Array.isArray(a.body) ? `body.${i}` : "body"));
    const b = body.data;
    const purposes = list(b.purpose);
    const value = typeof b.value === "string" ? b.value : "";
    if (purposes.includes("assessing")) {
      const found = bodyStatus(b);
      if (found.status) statuses.assessing ??= found.status;
      else if (found.text) unknownAssessments.push(found.text);
    } else if (purposes.includes("classifying")) {
      const found = statusFromText(value);
      if (found) statuses.classifying ??= found;
      else if (value) tags.push(value);
    } else if (purposes.includes("linking")) {
      const link = bodyUrl(b);
      if (!url) url = link;
      else if (link) notes.push(`Linked: ${link}`);
      if (!citation && value && !/^https?:\/\//i.test(value)) citation = value;
    } else if (purposes.includes("tagging")) {
      if (statusFromText(value)) statuses.tagging ??= statusFromText(value);
      else if (!citation && value) citation = value;
      else if (value) tags.push(value);
    } else if (value) {
      // commenting, describing, replying, or no purpose: what people wrote about the passage.
      notes.push(value);
    }
  }
  const status = statuses.classifying ?? statuses.assessing ?? statuses.tagging;
  if (!status) for (const text of unknownAssessments) notes.push(`Status in the file: “${text}”`);
  if (tags.length) notes.push(`Tags: ${tags.join(", ")}`);
  return {
    index,
    ...selection,
    positionUnit: "code-points",
    source: url || citation ? { url, citation } : null,
    status,
    note: joinNote(notes),
    originId: ourAnnotationId(a.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Hypothesis

function hypothesisItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.rows)) return value.rows;
  if (isObject(value) && "target" in value) return [value];
  throw new ImportParseError("shape", "The file is not Hypothesis API JSON: a search result { rows: [...] }, a list of annotations or one annotation");
}

function parseHypothesis(raw: unknown, index: number): TParsedAnnotation {
  const parsed = ZHypothesisAnnotation.safeParse(raw);
  if (!parsed.success) return unreadable(index, "utf-16", describeIssue(parsed.error));
  const a = parsed.data;
  const target = a.target?.[0];
  let selection: TSelection;
  if (target?.selector !== undefined) selection = readSelectors(target.selector, "target.0.selector");
  else if (a.references?.length) selection = { ...NO_QUOTE, problem: "A reply to another annotation, not a passage of the text" };
  else selection = { ...NO_QUOTE, problem: "A page note: it is about the whole page, not a passage" };

  // A tag naming one of our statuses gives the status; the other tags are kept in the note.
  let status: TStatus | null = null;
  const tags: string[] = [];
  for (const tag of a.tags ?? []) {
    const found = statusFromText(tag);
    if (found && !status) status = found;
    else tags.push(tag);
  }
  return {
    index,
    ...selection,
    positionUnit: "utf-16",
    source: null,
    status,
    note: joinNote([a.text ?? "", tags.length ? `Tags: ${tags.join(", ")}` : ""]),
    originId: null,
  };
}

// ---------------------------------------------------------------------------------------------

/** The format of parsed JSON: Hypothesis has `rows`, or `uri` and `user`; W3C has `@context` or its types. Null when neither. */
export function detectAnnotationFormat(value: unknown): TAnnotationImportFormat | null {
  const first = Array.isArray(value) ? value.find(isObject) : value;
  if (!isObject(first)) return null;
  if (Array.isArray(first.rows) || (typeof first.uri === "string" && typeof first.user === "string")) return "hypothesis";
  const types = list(first.type as string | string[] | undefined);
  if ("@context" in first || types.some((t) => ["Annotation", "AnnotationCollection", "AnnotationPage"].includes(t)) || "target" in first) return "w3c";
  return null;
}

/** Parses JSON text, or an ImportParseError of kind "json" saying where it broke. */
export function parseJson(content: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ImportParseError("json", `The file is not valid JSON (${error instanceof Error ? error.message : "unreadable"})`);
  }
}

/** Reads every annotation of a file in the given format. */
export function parseAnnotationImport(content: string, format: TAnnotationImportFormat): TParsedImport {
  const value = parseJson(content);
  const items = format === "w3c" ? w3cItems(value) : hypothesisItems(value);
  if (items.length === 0) throw new ImportParseError("shape", "The file holds no annotations");
  return { format, items: items.map((raw, i) => (format === "w3c" ? parseW3C(raw, i) : parseHypothesis(raw, i))) };
}
