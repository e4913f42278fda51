/**
 * What the app's queries send to PostgreSQL, seen from below Prisma: every `pg` Client.query
 * (Prisma's pg adapter and $queryRaw go through it) is counted, and while a recording is open its
 * SQL and parameters are kept, so the bench can count round trips and EXPLAIN the very statements
 * the app ran, with the same parameter values.
 */
import pg from "pg";

export type TStatement = { text: string; values: unknown[] };

let recording: TStatement[] | null = null;
let installed = false;

type TQueryConfig = { text?: string; values?: unknown[] };

/** Wraps pg's Client.prototype.query once; calls pass through unchanged. */
export function installQueryProbe(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const [config, values] = args;
      const text = typeof config === "string" ? config : (config as TQueryConfig | undefined)?.text;
      const params = Array.isArray(values) ? values : ((config as TQueryConfig | undefined)?.values ?? []);
      if (text) recording.push({ text, values: params });
    }
    return original.apply(this, args);
  };
}

/** Runs `work` and returns its result with the statements it sent (one per round trip). */
export async function recordQueries<T>(work: () => Promise<T>): Promise<{ result: T; statements: TStatement[] }> {
  if (!installed) throw new Error("installQueryProbe() first");
  if (recording) throw new Error("recordings do not nest");
  recording = [];
  try {
    const result = await work();
    return { result, statements: recording };
  } finally {
    recording = null;
  }
}

/** The tables a sequential scan of which would not survive a million annotations. */
const WATCHED = new Set(["Annotation", "AnnotationEvent", "Document"]);

/** Transaction control and session settings: nothing to plan. */
const NOT_PLANNED = /^\s*(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE|DEALLOCATE|SHOW)\b/i;

type TPlanNode = { "Node Type": string; "Relation Name"?: string; "Plan Rows": number; Plans?: TPlanNode[] };

/** A Seq Scan that keeps at least this share of its table reads rows the query needs: no index would spare it any. */
const MOST_OF_THE_TABLE = 0.5;

/**
 * Sorts the Seq Scans of watched tables in a plan: those that filter the table down (an index would
 * have found the rows) and those the planner expects to keep most of its rows (the one workspace of
 * the generated data holds nearly every document, so "its documents" is the whole table).
 */
function seqScansIn(node: TPlanNode, rowsOf: ReadonlyMap<string, number>, found: { filtering: Set<string>; whole: Set<string> }) {
  const table = node["Relation Name"];
  if (node["Node Type"] === "Seq Scan" && table && WATCHED.has(table)) {
    const kept = node["Plan Rows"] / Math.max(1, rowsOf.get(table) ?? 1);
    (kept >= MOST_OF_THE_TABLE ? found.whole : found.filtering).add(table);
  }
  for (const child of node.Plans ?? []) seqScansIn(child, rowsOf, found);
}

/** seqScans: watched tables read whole to keep a few rows (a problem); wholeScans: read whole because the query needs most of them. */
export type TPlanCheck = { planned: number; seqScans: string[]; wholeScans: string[]; errors: string[] };

/**
 * EXPLAIN (FORMAT JSON) of each statement, on a separate connection (plans only: nothing runs),
 * and the watched tables any of them reads with a Seq Scan, judged against the table's size as
 * the planner knows it (pg_class.reltuples).
 */
export async function checkPlans(url: string, statements: readonly TStatement[]): Promise<TPlanCheck> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const found = { filtering: new Set<string>(), whole: new Set<string>() };
  const errors: string[] = [];
  let planned = 0;
  try {
    const sizes = await client.query<{ relname: string; reltuples: number }>("SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relname = ANY($1)", [[...WATCHED]]);
    const rowsOf = new Map(sizes.rows.map((r) => [r.relname, r.reltuples]));
    for (const statement of statements) {
      if (NOT_PLANNED.test(statement.text)) continue;
      try {
        const { rows } = await client.query<{ "QUERY PLAN": { Plan: TPlanNode }[] }>({ text: `EXPLAIN (FORMAT JSON) ${statement.text}`, values: statement.values });
        seqScansIn(rows[0]["QUERY PLAN"][0].Plan, rowsOf, found);
        planned++;
      } catch (error) {
        errors.push(`${(error as Error).message}: ${statement.text.slice(0, 200)}`);
      }
    }
  } finally {
    await client.end();
  }
  return { planned, seqScans: [...found.filtering].sort(), wholeScans: [...found.whole].sort(), errors };
}
