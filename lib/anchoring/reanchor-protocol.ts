/** Messages between lib/anchoring/reanchor-async.ts and its worker thread. Types only. */
import type { TAnchorResult, TAnchorTarget } from "./reanchor";

export type TReanchorRequest = { id: number; text: string; targets: TAnchorTarget[] };
export type TReanchorReply = { id: number; results: TAnchorResult[] } | { id: number; error: string };
