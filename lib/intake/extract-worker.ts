/**
 * The extraction worker thread (lib/intake/extract-off-thread.ts starts one per import): runs
 * extractDocument on the bytes it is sent and posts the result, or the IntakeError, back. pdf.js
 * parses on the thread it runs on; here a 400-page book takes seconds, which on the server's main
 * thread would stall every other request meanwhile.
 */
import { parentPort } from "node:worker_threads";
import { extractDocument, IntakeError, type TExtracted } from "@/lib/intake/extract";
import type { TExtractInput } from "@/lib/intake/extract";

export type TExtractReply = { ok: true; result: TExtracted } | { ok: false; error: { status: IntakeError["status"]; code: IntakeError["code"]; message: string } };

const port = parentPort;
if (!port) throw new Error("extract-worker runs as a worker thread only");

port.once("message", (input: TExtractInput) => {
  extractDocument(input).then(
    (result) => port.postMessage({ ok: true, result } satisfies TExtractReply),
    (error: unknown) => {
      const failure =
        error instanceof IntakeError
          ? { status: error.status, code: error.code, message: error.message }
          : { status: 422 as const, code: "damaged" as const, message: `The file could not be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)})` };
      port.postMessage({ ok: false, error: failure } satisfies TExtractReply);
    },
  );
});
