/**
 * Re-anchoring off the main thread. Finding 1,000 quotes in a 200 KB text after edits is
 * hundreds of milliseconds of pure computation (approximate matching); on the server's main
 * thread it would stall every other request meanwhile. `reanchorInWorker` sends the text and the
 * quotes to one long-lived worker thread (started on first use, restarted after a crash) and
 * resolves with the same results as `reanchorAll`; `reanchorMany` keeps small batches on the
 * calling thread, where the message round trip would cost more than the work.
 *
 * The worker is created with `new Worker(new URL("./reanchor-worker.ts", import.meta.url))`,
 * the form Next's bundler (Turbopack) recognises and bundles as a separate entry of the server
 * build. Scripts run from source by tsx (benches) start it through tsx's loader instead: a worker
 * thread does not inherit the loader that lets its parent run TypeScript.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AnchorText, anchorInPlace, reanchor, type TAnchorResult, type TAnchorTarget } from "./reanchor";
import type { TReanchorReply, TReanchorRequest } from "./reanchor-protocol";

/** Batches smaller than this are found on the calling thread. */
export const WORKER_MIN_TARGETS = 50;

type TPending = { resolve: (results: TAnchorResult[]) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, TPending>();

function failAll(error: Error) {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

/** True when this process runs TypeScript sources through tsx rather than a bundle. */
function underTsx(): boolean {
  return process.execArgv.some((arg) => /[\\/]tsx[\\/]/.test(arg));
}

function createWorker(): Worker {
  if (underTsx()) {
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "reanchor-worker.ts");
    return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(entry)});`, { eval: true });
  }
  return new Worker(new URL("./reanchor-worker.ts", import.meta.url));
}

function startWorker(): Worker {
  const started = createWorker();
  started.on("message", (reply: TReanchorReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ("error" in reply) waiting.reject(new Error(`Re-anchoring failed: ${reply.error}`));
    else waiting.resolve(reply.results);
    // An idle worker must not keep a script (a bench, a test) alive.
    if (pending.size === 0) started.unref();
  });
  const forget = (error: Error) => {
    if (worker === started) worker = null;
    failAll(error);
  };
  started.on("error", (error) => forget(error));
  started.on("exit", (code) => forget(new Error(`The re-anchoring worker exited with code ${code}`)));
  return started;
}

/** Every quote found in `text` by the worker thread: the same results, in order, as `reanchorAll(text, targets)`. */
export function reanchorInWorker(text: string, targets: TAnchorTarget[]): Promise<TAnchorResult[]> {
  if (targets.length === 0) return Promise.resolve([]);
  worker ??= startWorker();
  const current = worker;
  const id = nextId++;
  return new Promise<TAnchorResult[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    current.ref();
    const request: TReanchorRequest = { id, text, targets };
    current.postMessage(request);
  });
}

/**
 * `reanchorAll`'s results. Quotes still at their old position (an import into the text they were
 * made on) are confirmed here, a comparison each; the rest are searched for on the worker thread
 * when there are many of them, on this thread when few.
 */
export async function reanchorMany(text: string, targets: TAnchorTarget[]): Promise<TAnchorResult[]> {
  const prepared = new AnchorText(text);
  const results = targets.map((target) => anchorInPlace(prepared, target));
  const missing = results.flatMap((result, i) => (result ? [] : [i]));
  const rest = missing.map((i) => targets[i]);
  const found = rest.length >= WORKER_MIN_TARGETS ? await reanchorInWorker(text, rest) : rest.map((target) => reanchor(prepared, target));
  missing.forEach((i, n) => (results[i] = found[n]));
  return results as TAnchorResult[];
}

/** Stops the worker (tests and benches that want to exit cleanly); the next call starts a new one. */
export async function stopReanchorWorker(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) await current.terminate();
}
