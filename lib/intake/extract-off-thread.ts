/**
 * extractDocument on a worker thread of its own, one per import, ended after EXTRACT_TIMEOUT_MS:
 * parsing (pdf.js above all) is CPU work that would otherwise hold the server's event loop, and a
 * hostile file could hold it for good. The bytes are copied to the worker once; its result comes
 * back by structured clone. At most MAX_PARALLEL run at once (the machine has few cores); the rest wait.
 *
 * Started with `new Worker(new URL("./extract-worker.ts", import.meta.url))`, which Next's bundler
 * builds as a separate entry of the server; scripts run by tsx (tests, benches) start it through
 * tsx's loader, which a worker thread does not inherit (as lib/anchoring/reanchor-async.ts does).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { IntakeError, type TExtracted, type TExtractInput } from "@/lib/intake/extract";
import type { TExtractReply } from "@/lib/intake/extract-worker";

/** A file that takes longer than this to read is refused (a 400-page PDF takes 2–3 s here). */
export const EXTRACT_TIMEOUT_MS = 60_000;
const MAX_PARALLEL = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function underTsx(): boolean {
  return process.execArgv.some((arg) => /[\\/]tsx[\\/]/.test(arg)) || Boolean(process.env.VITEST);
}

function createWorker(): Worker {
  if (underTsx()) {
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "extract-worker.ts");
    return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(entry)});`, { eval: true });
  }
  return new Worker(new URL("./extract-worker.ts", import.meta.url));
}

export async function extractOffThread(input: TExtractInput, options: { timeoutMs?: number } = {}): Promise<TExtracted> {
  const release = await slot();
  const worker = createWorker();
  try {
    return await new Promise<TExtracted>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? EXTRACT_TIMEOUT_MS;
      const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${timeoutMs / 1000} s`;
      const timer = setTimeout(() => reject(new IntakeError(422, "damaged", `The file took longer than ${limit} to read; it may be damaged`)), timeoutMs);
      const done = () => clearTimeout(timer);
      worker.once("message", (reply: TExtractReply) => {
        done();
        if (reply.ok) resolve(reply.result);
        else reject(new IntakeError(reply.error.status, reply.error.code, reply.error.message));
      });
      worker.once("error", (error) => {
        done();
        reject(new IntakeError(422, "damaged", `The file could not be read (${error.message.split("\n")[0]})`));
      });
      worker.once("exit", (code) => {
        done();
        reject(new IntakeError(422, "damaged", `The file could not be read (the reader stopped with code ${code})`));
      });
      worker.postMessage(input);
    });
  } finally {
    release();
    void worker.terminate();
  }
}
