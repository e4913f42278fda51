/** Deterministic annotation spans for benchmarks. */
import { STATUSES, type TStatus } from "../../lib/statuses";

export type TSpan = { start: number; end: number; status: TStatus };

const SPAN_LENGTH = { min: 5, max: 120 };
/** A tenth of the spans start inside an earlier one (nested/overlapping on purpose). */
const NESTED_SHARE = 0.1;

/** A small deterministic PRNG (mulberry32): the same spans on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` spans (code points) over a text of `length`: starts stratified over the document, lengths
 * 5–120, a tenth of them starting inside an earlier span, statuses drawn from all seven.
 */
export function generateSpans(count: number, length: number, random: () => number): TSpan[] {
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const slot = length / count;
  const spans: TSpan[] = [];
  for (let i = 0; i < count; i++) {
    const spanLength = between(SPAN_LENGTH.min, SPAN_LENGTH.max);
    const host = spans.length > 0 && random() < NESTED_SHARE ? spans[between(0, spans.length - 1)] : null;
    const wanted = host ? between(host.start, host.end - 1) : Math.floor(i * slot + random() * slot);
    const start = Math.max(0, Math.min(wanted, length - spanLength));
    spans.push({ start, end: start + spanLength, status: STATUSES[between(0, STATUSES.length - 1)] });
  }
  return spans;
}

/** The share of spans that overlap at least one other span. */
export function overlapShare(spans: readonly TSpan[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const overlapping = new Set<number>();
  let reach = -1;
  let reachIndex = -1;
  sorted.forEach((span, i) => {
    if (span.start < reach) overlapping.add(i).add(reachIndex);
    if (span.end > reach) [reach, reachIndex] = [span.end, i];
  });
  return overlapping.size / spans.length;
}

