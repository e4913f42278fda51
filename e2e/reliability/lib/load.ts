/**
 * A write load for the crash tests: `clients` loops each creating annotations through the API
 * (Bearer token) until stopped. Every 201 is recorded with the id it acknowledged; every other
 * outcome is counted by what it was (an HTTP status with its error code, or the connection error).
 */

export type TLoadReport = {
  /** Ids of the annotations whose create was answered 201, in the order the answers came. */
  acknowledged: string[];
  /** Outcomes other than a whole 201: "503 UNAVAILABLE", "500 INTERNAL", "ECONNREFUSED", "201 body cut off (…)", "timeout"… with their counts. */
  failures: Record<string, number>;
  requests: number;
};

export type TLoad = {
  /** Resolves once `count` more creates have been acknowledged since the call, or rejects after `timeoutMs`. */
  acknowledgedMore: (count: number, timeoutMs: number) => Promise<void>;
  report: () => TLoadReport;
  stop: () => Promise<TLoadReport>;
};

/** A request still unanswered after this long counts as hung ("timeout"): the app must answer or refuse, not hang. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Pause after a failure, so an outage does not become a busy loop on 2 cores. */
const BACKOFF_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The code of a failed fetch: undici wraps the socket error (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET) in `cause`. */
function connectionError(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timeout";
  const cause = (error as { cause?: { code?: string; name?: string } }).cause;
  return cause?.code ?? cause?.name ?? (error instanceof Error ? error.name : String(error));
}

export function startLoad(options: { baseUrl: string; token: string; documentId: string; textLength: number; clients: number; tag: string }): TLoad {
  const acknowledged: string[] = [];
  const failures: Record<string, number> = {};
  let requests = 0;
  let stopped = false;
  const waiters = new Set<() => void>();
  const fail = (key: string) => (failures[key] = (failures[key] ?? 0) + 1);

  async function createOne(client: number, n: number) {
    requests++;
    // Spans spread over the text; the note names the client and its request, to tell rows apart.
    const start = (client * 7919 + n * 104_729) % (options.textLength - 50);
    const data = { start, end: start + 1 + (n % 40), note: `${options.tag} client ${client} request ${n}` };
    try {
      const response = await fetch(`${options.baseUrl}/api/v1/documents/${options.documentId}/annotations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${options.token}`, "Content-Type": "application/json" },
        body: JSON.stringify(data),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      let body: { id?: string; error?: { code?: string } } | null;
      try {
        body = (await response.json()) as typeof body;
      } catch (error) {
        // The status line came, then the server died: no id, so nothing was acknowledged.
        fail(`${response.status} body cut off (${connectionError(error)})`);
        await sleep(BACKOFF_MS);
        return;
      }
      if (response.status === 201 && body?.id) {
        acknowledged.push(body.id);
        for (const done of waiters) done();
        return;
      }
      fail(`${response.status} ${body?.error?.code ?? ""}`.trim());
    } catch (error) {
      fail(connectionError(error));
    }
    await sleep(BACKOFF_MS);
  }

  async function client(index: number) {
    for (let n = 0; !stopped; n++) await createOne(index, n);
  }

  const running = Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  const report = (): TLoadReport => ({ acknowledged: [...acknowledged], failures: { ...failures }, requests });

  return {
    report,
    acknowledgedMore: (count, timeoutMs) => {
      const target = acknowledged.length + count;
      return new Promise((resolve, reject) => {
        const check = () => {
          if (acknowledged.length < target) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${acknowledged.length - (target - count)} of ${count} creates acknowledged within ${timeoutMs / 1000} s; failures so far ${JSON.stringify(failures)}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    stop: async () => {
      stopped = true;
      await running;
      return report();
    },
  };
}
