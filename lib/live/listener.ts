import "server-only";
import pg from "pg";
import { appConnection, db } from "@/lib/db";
import { env } from "@/lib/env";
import { readLiveEvents, REPLAY_OVERLAP_MS } from "@/lib/live/events";
import { listPresent, pruneStalePresence } from "@/lib/live/presence";
import type { TLiveEvent, TPresentMember } from "@/lib/live/schemas";

/*
 * One LISTEN connection per app process, fanning out to the streams of this process. The database
 * announces each AnnotationEvent on commit (trigger in the *_verification_workflow migration) and
 * each presence change; every instance behind a load balancer hears every announcement, so a
 * change made through one instance reaches the streams of all of them.
 *
 * The connection is a plain pg.Client, not one of the pool's: a pooled connection would be handed
 * to queries and released, and LISTEN belongs to a session. When it drops, the hub reconnects with
 * backoff and replays from the table what was committed meanwhile, so no stream misses an event.
 */

export type TLiveSubscriber = {
  workspaceId: string;
  /** Only this document's events, and its presence; the whole workspace's events when left out. */
  documentId?: string;
  onEvent: (event: TLiveEvent) => void;
  onPresence?: (people: TPresentMember[]) => void;
};

export type TLiveSubscription = {
  /** Resolves once the hub is listening (immediately when it is), rejects after `READY_TIMEOUT_MS`. */
  ready: Promise<void>;
  unsubscribe: () => void;
};

export type THubState = "idle" | "connecting" | "listening" | "waiting" | "stopped";

type TQueued = { id: string; workspaceId: string; documentId: string };

const READY_TIMEOUT_MS = 10_000;
const KEEPALIVE_MS = 15_000;
/** Presence rows of documents nobody has open are pruned this often (in keepalives). */
const PRUNE_EVERY = 4;
// After a reconnect, events are replayed by id above the highest one seen, and also those written
// from REPLAY_OVERLAP_MS before the last sign of life (lower ids committed after the drop).
/** Ids delivered in this window are remembered, so replays and repeats are not delivered twice. */
const DEDUPE_WINDOW_MS = 10 * 60_000;
const BATCH = 200;

function parseNotification(payload: string | undefined): TQueued | null {
  try {
    const value = JSON.parse(payload ?? "") as Partial<Record<keyof TQueued, unknown>>;
    if (typeof value.id !== "string" || !/^\d+$/.test(value.id) || typeof value.workspaceId !== "string" || typeof value.documentId !== "string") return null;
    return { id: value.id, workspaceId: value.workspaceId, documentId: value.documentId };
  } catch {
    return null;
  }
}

export class LiveHub {
  private client: pg.Client | null = null;
  private state: THubState = "idle";
  private readonly byWorkspace = new Map<string, Set<TLiveSubscriber>>();
  private readyWaiters = new Set<() => void>();
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private keepaliveTimer: NodeJS.Timeout | null = null;
  private keepalives = 0;
  private everListened = false;
  /** The highest event id seen (announced or replayed), and the database's time at the last sign of life. */
  private maxSeen = BigInt(0);
  private lastAlive: Date | null = null;
  private queue: TQueued[] = [];
  private readonly delivered = new Map<string, number>();
  private draining = false;
  /** Set while a reconnect's replay is read, so announcements that arrive meanwhile wait behind it. */
  private holding = false;
  private readonly presenceReads = new Map<string, "reading" | "again">();
  private pid: number | null = null;

  subscribe(subscriber: TLiveSubscriber): TLiveSubscription {
    let set = this.byWorkspace.get(subscriber.workspaceId);
    if (!set) this.byWorkspace.set(subscriber.workspaceId, (set = new Set()));
    set.add(subscriber);
    this.start();
    return {
      ready: this.whenListening(),
      unsubscribe: () => {
        set.delete(subscriber);
        if (set.size === 0 && this.byWorkspace.get(subscriber.workspaceId) === set) this.byWorkspace.delete(subscriber.workspaceId);
      },
    };
  }

  /** Connection state and the listening backend's pid (tests terminate it to simulate a drop). */
  status(): { state: THubState; pid: number | null; subscribers: number } {
    let subscribers = 0;
    for (const set of this.byWorkspace.values()) subscribers += set.size;
    return { state: this.state, pid: this.state === "listening" ? this.pid : null, subscribers };
  }

  /** Closes the connection for good (tests, shutdown). */
  async stop(): Promise<void> {
    this.state = "stopped";
    this.clearTimers();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private start() {
    if (this.state === "idle") void this.connect();
  }

  private whenListening(): Promise<void> {
    if (this.state === "listening") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters.delete(done);
        reject(new Error("The live connection to the database is not up"));
      }, READY_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.readyWaiters.add(done);
    });
  }

  private async connect() {
    if (this.state === "stopped") return;
    this.state = "connecting";
    const config = env();
    const client = new pg.Client({
      // The same login as the pool (lib/db.ts), so this session has no more rights than the app.
      ...appConnection(),
      application_name: "provenant-live",
      keepAlive: true,
      connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
      // The keepalive query fails instead of hanging on a half-open connection.
      query_timeout: 10_000,
    });
    this.client = client;
    client.on("error", (error) => this.dropped(client, error));
    client.on("end", () => this.dropped(client));
    client.on("notification", (message) => this.onNotification(message));
    const reconnect = this.everListened;
    if (reconnect) this.holding = true;
    try {
      await client.connect();
      await client.query("LISTEN provenant_events");
      await client.query("LISTEN provenant_presence");
      const { rows } = await client.query<{ now: Date; max: string | null; pid: number }>(
        `SELECT now() AS now, (SELECT max(id) FROM "AnnotationEvent")::text AS max, pg_backend_pid() AS pid`,
      );
      if (this.client !== client) return;
      this.pid = rows[0].pid;
      // The replay reads above the highest id seen before the drop; only then may that mark move.
      if (reconnect) await this.replay();
      if (rows[0].max) this.seen(rows[0].max);
      if (this.client !== client) return;
      this.lastAlive = rows[0].now;
      this.state = "listening";
      this.everListened = true;
      this.attempt = 0;
      this.keepaliveTimer = setInterval(() => void this.keepalive(client), KEEPALIVE_MS);
      this.keepaliveTimer.unref();
      for (const done of this.readyWaiters) done();
      this.readyWaiters.clear();
      // Presence announcements may have been missed while down: send every open document's list again.
      if (reconnect) for (const documentId of this.presenceDocuments()) void this.refreshPresence(documentId);
    } catch (error) {
      this.dropped(client, error);
    } finally {
      // On failure dropped() has released the queue already; on success the replay is queued first.
      if (this.client === client) this.holding = false;
      void this.drain();
    }
  }

  /** What was committed while the connection was down, for the workspaces someone here follows. */
  private async replay() {
    const workspaceIds = [...this.byWorkspace.keys()];
    if (workspaceIds.length === 0) return;
    const since = new Date((this.lastAlive?.getTime() ?? Date.now()) - REPLAY_OVERLAP_MS);
    const rows = await db().annotationEvent.findMany({
      where: { workspaceId: { in: workspaceIds }, OR: [{ id: { gt: this.maxSeen } }, { createdAt: { gt: since } }] },
      orderBy: { id: "asc" },
      select: { id: true, workspaceId: true, documentId: true },
    });
    const missed = rows.map((r) => ({ id: r.id.toString(), workspaceId: r.workspaceId, documentId: r.documentId })).filter((r) => !this.delivered.has(r.id));
    for (const r of missed) this.seen(r.id);
    // Replayed events go first: they are older than anything announced since the reconnect.
    this.queue = [...missed, ...this.queue];
  }

  private async keepalive(client: pg.Client) {
    try {
      const { rows } = await client.query<{ now: Date }>("SELECT now() AS now");
      this.lastAlive = rows[0].now;
    } catch (error) {
      return this.dropped(client, error);
    }
    this.pruneDelivered();
    if (++this.keepalives % PRUNE_EVERY === 0) await pruneStalePresence().catch((error) => console.error("[live] presence prune failed", error));
  }

  private dropped(client: pg.Client, error?: unknown) {
    if (this.client !== client) return;
    this.client = null;
    this.clearTimers();
    // A late error from the dead client must not crash the process.
    client.removeAllListeners("notification");
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    if (this.state === "stopped") return;
    this.state = "waiting";
    this.holding = false;
    const delay = Math.min(30_000, 250 * 2 ** this.attempt++) + Math.floor(Math.random() * 250);
    console.warn(`[live] database connection lost${error instanceof Error ? ` (${error.message})` : ""}; reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  private clearTimers() {
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.keepaliveTimer = this.retryTimer = null;
  }

  private onNotification(message: pg.Notification) {
    if (message.channel === "provenant_presence") {
      if (message.payload && this.presenceDocuments().has(message.payload)) void this.refreshPresence(message.payload);
      return;
    }
    if (message.channel !== "provenant_events") return;
    const queued = parseNotification(message.payload);
    if (!queued) return console.warn("[live] unreadable event announcement", message.payload);
    this.seen(queued.id);
    if (this.delivered.has(queued.id)) return;
    this.queue.push(queued);
    void this.drain();
  }

  private seen(id: string) {
    const value = BigInt(id);
    if (value > this.maxSeen) this.maxSeen = value;
  }

  private subscribersOf(e: { workspaceId: string; documentId: string }): TLiveSubscriber[] {
    const set = this.byWorkspace.get(e.workspaceId);
    return set ? [...set].filter((s) => !s.documentId || s.documentId === e.documentId) : [];
  }

  /** Reads queued events in batches (one query each, whatever the number of streams) and delivers them in order. */
  private async drain() {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.holding) {
        const batch = this.queue.splice(0, BATCH).filter((q, i, all) => !this.delivered.has(q.id) && all.findIndex((x) => x.id === q.id) === i);
        // Nobody here follows it: no read at all.
        const wanted = batch.filter((q) => this.subscribersOf(q).length > 0);
        if (wanted.length === 0) continue;
        let events: TLiveEvent[];
        try {
          events = await readLiveEvents({ where: { id: { in: wanted.map((q) => BigInt(q.id)) } } });
        } catch (error) {
          // The pool is busy or the database away: try again shortly rather than lose them.
          console.error("[live] reading events failed; retrying", error);
          this.queue = [...wanted, ...this.queue];
          setTimeout(() => void this.drain(), 1000).unref();
          return;
        }
        const now = Date.now();
        const byId = new Map(events.map((e) => [e.id, e]));
        for (const q of wanted) {
          this.delivered.set(q.id, now);
          const event = byId.get(q.id);
          if (event) this.deliver(event);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private deliver(event: TLiveEvent) {
    for (const subscriber of this.subscribersOf(event)) {
      try {
        subscriber.onEvent(event);
      } catch (error) {
        console.error("[live] a subscriber failed", error);
      }
    }
  }

  private pruneDelivered() {
    const cutoff = Date.now() - DEDUPE_WINDOW_MS;
    for (const [id, at] of this.delivered) if (at < cutoff) this.delivered.delete(id);
  }

  private presenceDocuments(): Set<string> {
    const ids = new Set<string>();
    for (const set of this.byWorkspace.values()) for (const s of set) if (s.documentId && s.onPresence) ids.add(s.documentId);
    return ids;
  }

  /** Reads a document's presence once for all its streams here; a burst of announcements costs at most two reads. */
  private async refreshPresence(documentId: string) {
    if (this.presenceReads.has(documentId)) {
      this.presenceReads.set(documentId, "again");
      return;
    }
    try {
      do {
        this.presenceReads.set(documentId, "reading");
        const people = await listPresent(documentId);
        for (const set of this.byWorkspace.values()) {
          for (const s of set) {
            if (s.documentId !== documentId || !s.onPresence) continue;
            try {
              s.onPresence(people);
            } catch (error) {
              console.error("[live] a subscriber failed", error);
            }
          }
        }
      } while (this.presenceReads.get(documentId) === "again");
    } catch (error) {
      console.error("[live] reading presence failed", error);
    } finally {
      this.presenceReads.delete(documentId);
    }
  }
}

const globalForLive = globalThis as unknown as { provenantLiveHub?: LiveHub };

/** The process's one hub, kept across Next's dev reloads so they do not multiply connections. */
export function liveHub(): LiveHub {
  globalForLive.provenantLiveHub ??= new LiveHub();
  return globalForLive.provenantLiveHub;
}
