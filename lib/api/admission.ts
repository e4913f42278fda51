import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Lets at most `limit` callers run `work` at once; the others wait their turn in arrival order,
 * and one that has waited `waitMs` gets 503 (errorResponse adds Retry-After) instead of queueing on.
 * For heavy requests whose cost is this process's CPU (building a 2,000-annotation list): running
 * more of them at once makes each slower without serving more, so under a burst some clients wait a
 * little (at most `maxWaiting` of them, default four per slot) and the rest hear "try again" at once, rather than all waiting until their clients time out.
 */
export function admission(options: { limit: number; waitMs: number; maxWaiting?: number }) {
  // A queue longer than this could not be served within waitMs anyway: refuse at once.
  const maxWaiting = options.maxWaiting ?? options.limit * 4;
  let running = 0;
  const waiting = new Set<{ admit: () => void; timer: ReturnType<typeof setTimeout> }>();

  function acquire(): Promise<void> {
    if (running < options.limit) {
      running++;
      return Promise.resolve();
    }
    if (waiting.size >= maxWaiting) return Promise.reject(new AppError("UNAVAILABLE", "The server is busy, try again shortly"));
    return new Promise((resolve, reject) => {
      const turn = {
        admit: resolve,
        timer: setTimeout(() => {
          waiting.delete(turn);
          reject(new AppError("UNAVAILABLE", "The server is busy, try again shortly"));
        }, options.waitMs),
      };
      waiting.add(turn);
    });
  }

  /** Hands the slot to the longest-waiting caller, or frees it. */
  function release() {
    const next = waiting.values().next();
    if (next.done) {
      running--;
      return;
    }
    waiting.delete(next.value);
    clearTimeout(next.value.timer);
    next.value.admit();
  }

  return async function admit<T>(work: () => Promise<T>): Promise<T> {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
}
