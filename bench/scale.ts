/**
 * `npm run bench:scale`: the app's own query functions on a generated workspace of 10,000 documents
 * and 1,000,000 annotations (with their events) in a fresh embedded PostgreSQL (.data/pg-bench-scale,
 * port 54369): the queue's "All annotations" list filtered by status and source, every queue tab
 * (first page, a deep page either way, the tab counts), the dashboard's first (uncached) load, and
 * an import of 2,000 annotations. p50 / p95 / max over many samples beside the targets;
 * each function's SQL, caught below Prisma, is EXPLAINed and a Seq Scan on Annotation,
 * AnnotationEvent or Document is flagged. `--smoke`: 100 documents, 10,000 annotations, a few samples.
 *
 * The lib functions import "server-only", which throws unless Node resolves it with the
 * "react-server" condition (as Next's server bundle does); so the bench runs itself again under
 * `tsx --conditions=react-server` (the same trick as vitest's alias to an empty module, without a bundler).
 *
 * Exits non-zero when a function errors or returns wrong rows or counts (checked against plain SQL
 * on the same data), and in the full run also when a plan reads a watched table sequentially.
 */
import { underReactServer } from "./lib/react-server";

// The lib modules it loads must be resolved under the condition: imported only once under it.
underReactServer(__filename, () => import("./lib/scale-run"));
