/**
 * The re-anchoring worker thread (lib/anchoring/reanchor-async.ts starts it): finds each batch of
 * quotes in its text with the pure algorithm of lib/anchoring/reanchor.ts and posts the results
 * back. It imports nothing else, so it bundles on its own as a worker entry.
 */
import { parentPort } from "node:worker_threads";
import { reanchorAll } from "./reanchor";
import type { TReanchorReply, TReanchorRequest } from "./reanchor-protocol";

const port = parentPort;
if (!port) throw new Error("reanchor-worker runs as a worker thread only");

port.on("message", (request: TReanchorRequest) => {
  let reply: TReanchorReply;
  try {
    reply = { id: request.id, results: reanchorAll(request.text, request.targets) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
