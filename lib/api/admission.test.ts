import { afterEach, describe, expect, it, vi } from "vitest";
import { admission } from "./admission";

/** A piece of work whose response is ready when the test says so. */
function pending() {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done.then(() => new Response(null, { status: 204 })), finish };
}

const answer = (text: string) => async () => new Response(text);

describe("admission", () => {
  afterEach(() => vi.useRealTimers());

  it("runs callers beyond the limit in arrival order once a slot frees", async () => {
    const admit = admission({ limit: 1, waitMs: 10_000 });
    const order: string[] = [];
    const first = pending();
    const a = admit(async () => (await first.work(), order.push("a"), new Response("a")));
    const b = admit(async () => (order.push("b"), new Response("b")));
    const c = admit(async () => (order.push("c"), new Response("c")));
    first.finish();
    expect(await (await a).text()).toBe("a");
    expect(await (await b).text()).toBe("b");
    expect(await (await c).text()).toBe("c");
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("answers 503 to a caller that waited too long, and keeps serving the others", async () => {
    vi.useFakeTimers();
    const admit = admission({ limit: 1, waitMs: 1_000 });
    const first = pending();
    const running = admit(first.work);
    const waiting = admit(answer("late"));
    const refused = expect(waiting).rejects.toMatchObject({ code: "UNAVAILABLE", status: 503 });
    await vi.advanceTimersByTimeAsync(1_000);
    await refused;
    first.finish();
    await (await running).text();
    expect(await (await admit(answer("next"))).text()).toBe("next");
  });

  it("refuses at once when the queue is already full, without waiting", async () => {
    const admit = admission({ limit: 1, waitMs: 60_000, maxWaiting: 1 });
    const first = pending();
    const running = admit(first.work);
    const queued = admit(answer("queued"));
    await expect(admit(answer("refused"))).rejects.toMatchObject({ code: "UNAVAILABLE", status: 503 });
    first.finish();
    await (await running).text();
    expect(await (await queued).text()).toBe("queued");
  });
});
