/**
 * Model-based test of the annotation API: fast-check drives random sequences of create, update
 * (with the current version), stale update (an older version), delete and restore against the
 * running app, and mirrors each in a small in-memory model. After every command the database and
 * the API's list match the model, every change left exactly one event, and no answer was a 5xx.
 *
 * A failure prints fast-check's seed and replay path; rerun with PV_FC_SEED=<seed> to replay it.
 */
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { codePointLength, sha256Hex } from "../../lib/documents/text";
import { createWorkspace, prisma } from "../fixtures/factories";
import { suiteSize } from "../fixtures/suite";
import { bearer, createApiToken } from "./lib/token";

/** Statuses that need no evidence, so any of them can be set by a plain create or update. */
const STATUSES = ["UNVERIFIED", "IN_PROGRESS", "SOURCE_NOT_FOUND"] as const;
type TStatus = (typeof STATUSES)[number];

const TEXT = Array.from({ length: 40 }, (_, i) => `Claim ${i}: the minister said «${i * 7} percent» — per report №${i}.`).join("\n");
const TEXT_LENGTH = codePointLength(TEXT);

type TEntry = { id: string; status: TStatus; note: string; deleted: boolean; version: number };
type TModel = { annotations: TEntry[] };
type TReal = { request: APIRequestContext; token: string; documentId: string };
type TCommand = fc.AsyncCommand<TModel, TReal>;

/** Any answer: never a 5xx, whatever the command. */
async function call(response: Promise<APIResponse>, what: string): Promise<APIResponse> {
  const answer = await response;
  expect(answer.status(), `${what} answered ${answer.status()}: ${await answer.text()}`).toBeLessThan(500);
  return answer;
}

async function expectStatus(response: APIResponse, status: number, what: string) {
  expect(response.status(), `${what}: ${await response.text()}`).toBe(status);
}

/** Picks one annotation of the model by a generated index (commands only run when there is one). */
const pick = (m: Readonly<TModel>, index: number) => m.annotations[index % m.annotations.length];

class CreateCommand implements TCommand {
  constructor(readonly start: number, readonly length: number, readonly status: TStatus, readonly note: string) {}
  check = () => true;
  async run(m: TModel, r: TReal) {
    const data = { start: this.start, end: Math.min(TEXT_LENGTH, this.start + this.length), status: this.status, note: this.note };
    const response = await call(r.request.post(`/api/v1/documents/${r.documentId}/annotations`, { headers: bearer(r.token), data }), "create");
    await expectStatus(response, 201, "create");
    const body = await response.json();
    expect(body).toMatchObject({ status: this.status, note: this.note, version: 1, deletedAt: null });
    m.annotations.push({ id: body.id, status: this.status, note: this.note, deleted: false, version: 1 });
  }
  toString = () => `create(${this.start}+${this.length}, ${this.status}, ${JSON.stringify(this.note)})`;
}

/** PATCH with the current version: 200 and one version more (none when nothing changed); 404 when deleted. */
class UpdateCommand implements TCommand {
  constructor(readonly index: number, readonly status: TStatus | undefined, readonly note: string | undefined) {}
  check = (m: Readonly<TModel>) => m.annotations.length > 0;
  async run(m: TModel, r: TReal) {
    const entry = pick(m, this.index);
    const data = { version: entry.version, ...(this.status ? { status: this.status } : {}), ...(this.note !== undefined ? { note: this.note } : {}) };
    const response = await call(r.request.patch(`/api/v1/annotations/${entry.id}`, { headers: bearer(r.token), data }), "update");
    if (entry.deleted) return expectStatus(response, 404, "update of a deleted annotation");
    await expectStatus(response, 200, "update");
    const next = { status: this.status ?? entry.status, note: this.note ?? entry.note };
    const changed = next.status !== entry.status || next.note !== entry.note;
    Object.assign(entry, next, { version: entry.version + (changed ? 1 : 0) });
    expect(await response.json()).toMatchObject({ id: entry.id, status: entry.status, note: entry.note, version: entry.version });
  }
  toString = () => `update(#${this.index}, ${this.status ?? "-"}, ${this.note === undefined ? "-" : JSON.stringify(this.note)})`;
}

/** PATCH with an older version: 409 carrying the annotation as it stands (404 when deleted); nothing changes. */
class StaleUpdateCommand implements TCommand {
  constructor(readonly index: number, readonly back: number, readonly note: string) {}
  check = (m: Readonly<TModel>) => m.annotations.some((a) => a.version > 1);
  async run(m: TModel, r: TReal) {
    const candidates = m.annotations.filter((a) => a.version > 1);
    const entry = candidates[this.index % candidates.length];
    const version = Math.max(1, entry.version - 1 - (this.back % entry.version));
    const data = { version, note: this.note };
    const response = await call(r.request.patch(`/api/v1/annotations/${entry.id}`, { headers: bearer(r.token), data }), "stale update");
    if (entry.deleted) return expectStatus(response, 404, "stale update of a deleted annotation");
    await expectStatus(response, 409, "stale update");
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "CONFLICT", current: { id: entry.id, version: entry.version, note: entry.note, status: entry.status } });
  }
  toString = () => `staleUpdate(#${this.index}, -${this.back + 1}, ${JSON.stringify(this.note)})`;
}

/** DELETE: 204 and one version more; 404 when already deleted. */
class DeleteCommand implements TCommand {
  constructor(readonly index: number) {}
  check = (m: Readonly<TModel>) => m.annotations.length > 0;
  async run(m: TModel, r: TReal) {
    const entry = pick(m, this.index);
    const response = await call(r.request.delete(`/api/v1/annotations/${entry.id}`, { headers: bearer(r.token) }), "delete");
    if (entry.deleted) return expectStatus(response, 404, "delete of a deleted annotation");
    await expectStatus(response, 204, "delete");
    Object.assign(entry, { deleted: true, version: entry.version + 1 });
  }
  toString = () => `delete(#${this.index})`;
}

/** Restore: 200 and one version more for a deleted annotation; 409 for a live one. */
class RestoreCommand implements TCommand {
  constructor(readonly index: number) {}
  check = (m: Readonly<TModel>) => m.annotations.length > 0;
  async run(m: TModel, r: TReal) {
    const entry = pick(m, this.index);
    const response = await call(r.request.post(`/api/v1/annotations/${entry.id}/restore`, { headers: bearer(r.token) }), "restore");
    if (!entry.deleted) return expectStatus(response, 409, "restore of a live annotation");
    await expectStatus(response, 200, "restore");
    Object.assign(entry, { deleted: false, version: entry.version + 1 });
    expect(await response.json()).toMatchObject({ id: entry.id, deletedAt: null, version: entry.version });
  }
  toString = () => `restore(#${this.index})`;
}

/** The database and the API's list against the model; each version step left one event. */
async function checkAgainstModel(m: TModel, r: TReal, after: string) {
  const rows = await prisma().annotation.findMany({
    where: { documentId: r.documentId },
    select: { id: true, status: true, note: true, deletedAt: true, version: true, _count: { select: { events: true } } },
    orderBy: { id: "asc" },
  });
  const stored = rows.map((row) => ({ id: row.id, status: row.status, note: row.note, deleted: row.deletedAt !== null, version: row.version }));
  const expected = [...m.annotations].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(stored, `database after ${after}`).toEqual(expected);
  for (const row of rows) expect(row._count.events, `events of ${row.id} after ${after}`).toBe(row.version);

  const listed = await call(r.request.get(`/api/v1/documents/${r.documentId}/annotations`, { headers: bearer(r.token) }), "list");
  await expectStatus(listed, 200, "list");
  const liveIds = (await listed.json()).annotations.map((a: { id: string }) => a.id).sort();
  expect(liveIds, `API list after ${after}`).toEqual(expected.filter((a) => !a.deleted).map((a) => a.id));
}

/** Runs each command, then checks the system against the model. */
function checked(command: TCommand): TCommand {
  return {
    check: (m) => command.check(m),
    run: async (m, r) => {
      await command.run(m, r);
      await checkAgainstModel(m, r, command.toString());
    },
    toString: () => command.toString(),
  };
}

const note = fc.oneof(
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.constantFrom("", " ", "a\nb", "<b>bold</b>", "«quoted» — ‘né’", "😀👍🏽", "x".repeat(2000)),
);
const status = fc.constantFrom(...STATUSES);
const index = fc.nat({ max: 1000 });

const commandArbitraries = [
  fc.tuple(fc.nat({ max: TEXT_LENGTH - 2 }), fc.integer({ min: 1, max: 40 }), status, note).map(([start, length, s, n]) => checked(new CreateCommand(start, length, s, n))),
  fc.tuple(index, fc.option(status, { nil: undefined }), fc.option(note, { nil: undefined })).map(([i, s, n]) => checked(new UpdateCommand(i, s, n))),
  fc.tuple(index, fc.nat({ max: 10 }), note).map(([i, back, n]) => checked(new StaleUpdateCommand(i, back, n))),
  index.map((i) => checked(new DeleteCommand(i))),
  index.map((i) => checked(new RestoreCommand(i))),
];

test("random create / update / stale update / delete / restore sequences keep the database equal to the model", async ({ request }) => {
  const numRuns = suiteSize({ full: 50, smoke: 5 });
  const maxCommands = suiteSize({ full: 40, smoke: 20 });
  test.setTimeout(suiteSize({ full: 600_000, smoke: 120_000 }));
  const workspace = await createWorkspace();
  const token = await createApiToken(prisma(), workspace.users.EDITOR.id);
  const seed = Number(process.env.PV_FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`[model] fast-check seed ${seed}, ${numRuns} runs of up to ${maxCommands} commands`);

  /** Each run gets a new document, so runs (and shrinking's replays) start from nothing. */
  async function setup(): Promise<{ model: TModel; real: TReal }> {
    const doc = await prisma().document.create({
      data: { workspaceId: workspace.id, title: "Model run", text: TEXT, sha256: sha256Hex(TEXT), length: TEXT_LENGTH, createdById: workspace.users.OWNER.id },
      select: { id: true },
    });
    return { model: { annotations: [] }, real: { request, token, documentId: doc.id } };
  }

  await fc.assert(
    fc.asyncProperty(fc.commands(commandArbitraries, { maxCommands }), (commands) => fc.asyncModelRun(setup, commands)),
    { numRuns, seed },
  );
});
