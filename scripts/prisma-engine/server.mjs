// JSON-RPC 2.0 server over stdio, speaking the native schema engine's protocol to the Prisma CLI:
// one JSON message per line on stdin/stdout, logs as JSON lines on stderr. Requests are answered
// by the Wasm engine; the engine -> CLI "print" request carries `migrate diff` output.

import readline from "node:readline";

import { createDatabase, KnownError, parseDatabaseUrl } from "./database.mjs";
import { createAdapterFactory, loadSchemaEngineWasm } from "./engine.mjs";
import { forwardEngineLog, log, parseEngineLog } from "./log.mjs";

// Prisma error codes for the driver errors the Wasm engine reports without a code.
const DRIVER_ERROR_CODES = {
  DatabaseNotReachable: "P1001",
  DatabaseDoesNotExist: "P1003",
  AuthenticationFailed: "P1000",
  DatabaseAccessDenied: "P1010",
  DatabaseAlreadyExists: "P1009",
  TlsConnectionError: "P1011",
  ConnectionClosed: "P1017",
};

const passThrough = (method) => (engine, params) => engine[method](params);

/**
 * In the Wasm engine, createMigration and evaluateDataLoss get no shadow database factory: they
 * only read the schema of the migrations directory from a per-engine cache that
 * diagnoseMigrationHistory fills (keyed by the list of applied migrations). When `migrate dev`
 * has just applied pending migrations, the list is not cached yet and they fail with "PostgreSQL
 * shadow DB must be provided through an external factory". Fill the cache with a diagnosis of
 * the now fully applied history, then retry once.
 */
const withMigrationsSchemaCache = (method) => async (engine, params) => {
  try {
    return await engine[method](params);
  } catch (error) {
    if (!/shadow DB must be provided through an external factory/.test(String(error?.message))) throw error;
    await engine.diagnoseMigrationHistory({
      migrationsList: params.migrationsList,
      optInToShadowDatabase: true,
      filters: params.filters,
    });
    return engine[method](params);
  }
};

/**
 * The native engine reports a failing migration script as P3018 (ApplyMigrationError); the Wasm
 * engine passes the driver error through without a code. Rebuild the native error.
 */
function applyMigrationError(migrationName, { error, script }) {
  let databaseError = `${error.severity ?? "ERROR"}: ${error.message}`;
  if (error.detail) databaseError += `\nDETAIL: ${error.detail}`;
  if (error.hint) databaseError += `\nHINT: ${error.hint}`;
  const position = Number(error.position);
  if (position > 0) {
    const lines = script.slice(0, position).split("\n");
    const context = script.split("\n").slice(Math.max(0, lines.length - 5), lines.length);
    const first = lines.length - context.length + 1;
    databaseError += `\n\nPosition:\n${context.map((line, i) => `${String(first + i).padStart(3)} ${line}`).join("\n")}`;
  }
  const databaseErrorCode = error.code ?? "none";
  return new KnownError(
    "P3018",
    `A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${migrationName}\n\nDatabase error code: ${databaseErrorCode}\n\nDatabase error:\n${databaseError}\n`,
    { migration_name: migrationName, database_error_code: databaseErrorCode, database_error: databaseError },
  );
}

export async function runServer({ deps, datamodels, datasource, gitHash }) {
  const url = datasource?.url ?? "";
  const adapters = createAdapterFactory(deps, { url, shadowDatabaseUrl: datasource?.shadowDatabaseUrl });
  let wasm; // the wasm-bindgen module
  let enginePromise;

  // Created on first use: construction validates the schema, and a failure should be the
  // answer to that request (as with the native engine), not a crash at startup.
  const getEngine = () => {
    enginePromise ??= (async () => {
      if (url) parseDatabaseUrl(url); // reject non-PostgreSQL URLs with a clear message
      wasm ??= await loadSchemaEngineWasm(deps.wasmGluePath);
      return wasm.SchemaEngine.new({ datamodels }, onEngineLog, adapters.bound);
    })();
    enginePromise.catch(() => {
      enginePromise = undefined;
    });
    return enginePromise;
  };

  // --- engine -> CLI requests (print) ---------------------------------------------------
  let nextOwnId = 1;
  const pendingOwn = new Map();
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const callClient = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextOwnId++;
      pendingOwn.set(id, { resolve, reject });
      send({ jsonrpc: "2.0", method, params, id });
    });

  // The native engine prints "Applying migration `name`" through the CLI as it applies each
  // migration; the Wasm engine only logs it. Relay it, and remember the name for P3018.
  let applyingMigration = null;
  function onEngineLog(raw) {
    const entry = parseEngineLog(raw);
    forwardEngineLog(entry);
    const applying = /^Applying `(.+)`$/.exec(entry.fields?.message ?? "");
    if (applying && String(entry.target).endsWith("apply_migrations")) {
      applyingMigration = applying[1];
      callClient("print", { content: `Applying migration \`${applying[1]}\`` }).catch(() => {});
    }
  }

  const methods = {
    async applyMigrations(engine, params) {
      applyingMigration = null;
      try {
        return await engine.applyMigrations(params);
      } catch (error) {
        if (error?.code || !applyingMigration || !adapters.state.lastScriptError) throw error;
        throw applyMigrationError(applyingMigration, adapters.state.lastScriptError);
      }
    },
    createMigration: withMigrationsSchemaCache("createMigration"),
    dbExecute: passThrough("dbExecute"),
    devDiagnostic: passThrough("devDiagnostic"),
    diagnoseMigrationHistory: passThrough("diagnoseMigrationHistory"),
    ensureConnectionValidity: passThrough("ensureConnectionValidity"),
    evaluateDataLoss: withMigrationsSchemaCache("evaluateDataLoss"),
    introspect: passThrough("introspect"),
    introspectSql: passThrough("introspectSql"),
    markMigrationApplied: passThrough("markMigrationApplied"),
    markMigrationRolledBack: passThrough("markMigrationRolledBack"),
    reset: passThrough("reset"),
    schemaPush: passThrough("schemaPush"),
    getDatabaseVersion: (engine, params) => engine.version(params ?? undefined),
    debugPanic: (engine) => engine.debugPanic(),
    // The Wasm engine returns the diff as `stdout`; the native one prints it through the CLI.
    async diff(engine, params) {
      const { exitCode, stdout } = await engine.diff(params);
      if (stdout) await callClient("print", { content: stdout.replace(/\n$/, "") });
      return { exitCode, stdout: null };
    },
  };

  // Not in the Wasm engine: handled here without it.
  const engineFreeMethods = {
    async createDatabase(params) {
      const target = params?.datasource?.tag === "ConnectionString" ? params.datasource.url : url;
      return { databaseName: await createDatabase(deps.pg, target) };
    },
    getDatabaseDescription() {
      throw new Error("getDatabaseDescription is not supported by the schema engine Wasm bridge.");
    },
  };

  function toRpcError(error) {
    if (error instanceof WebAssembly.RuntimeError) throw error; // panic: handled by the process
    let code = typeof error?.code === "string" ? error.code : "";
    let message = String(error?.message ?? error).replace(/\s+$/, "");
    // A JS exception inside the adapter reaches the engine as an opaque "External error id#N".
    const registered = adapters.bound.errorRegistry?.registeredErrors?.filter(Boolean).at(-1)?.error;
    if (registered && !code) {
      const detail = String(registered.message ?? registered);
      const lines = message.split("\n");
      const index = lines.findIndex((line) => /^External error id#\d+$/.test(line.trim()));
      if (index >= 0) lines[index] = detail;
      else lines.push(detail);
      message = lines.join("\n");
      if (registered.code && typeof registered.code === "string" && /^P\d{4}$/.test(registered.code)) code = registered.code;
    }
    if (!code && adapters.state.lastDriverError) code = DRIVER_ERROR_CODES[adapters.state.lastDriverError.kind] ?? "";
    const data = code
      ? { is_panic: false, message, meta: error?.meta ?? {}, error_code: code }
      : { is_panic: false, message, backtrace: error?.stack ?? null };
    log.error(message, { is_panic: false, error_code: code });
    return { code: 4466, message: "An error happened. Check the data field for details.", data };
  }

  async function handleRequest(request) {
    const { id, method, params } = request;
    adapters.state.lastDriverError = null;
    adapters.state.lastScriptError = null;
    if (adapters.bound.errorRegistry?.registeredErrors) adapters.bound.errorRegistry.registeredErrors.length = 0;
    try {
      let result;
      if (engineFreeMethods[method]) result = await engineFreeMethods[method](params);
      else if (methods[method]) result = await methods[method](await getEngine(), params);
      else {
        if (id !== undefined) send({ jsonrpc: "2.0", id, error: { code: -32601, message: "Method not found" } });
        return;
      }
      if (id !== undefined) send({ jsonrpc: "2.0", id, result: result ?? null });
    } catch (error) {
      if (id !== undefined) send({ jsonrpc: "2.0", id, error: toRpcError(error) });
    }
  }

  // --- stdin loop ------------------------------------------------------------------------
  log.info("Starting schema engine RPC server", { git_hash: gitHash });
  let queue = Promise.resolve(); // one command at a time, like a single native engine session
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined && message.id !== undefined) {
      // Response to one of our own requests (print).
      const pending = pendingOwn.get(message.id);
      pendingOwn.delete(message.id);
      if (message.error) pending?.reject(new Error(JSON.stringify(message.error)));
      else pending?.resolve(message.result);
      return;
    }
    queue = queue.then(() => handleRequest(message));
  });

  let closing;
  const shutdown = (exitCode = 0) => {
    closing ??= (async () => {
      await Promise.race([adapters.close(), new Promise((resolve) => setTimeout(resolve, 4000).unref())]);
      process.exit(exitCode);
    })();
    return closing;
  };

  // The CLI ends stdin and sends SIGTERM right after; finish the current command first.
  lines.on("close", () => queue.then(() => shutdown(0)));
  process.on("SIGTERM", () => queue.then(() => shutdown(0)));
  process.on("SIGINT", () => shutdown(130));

  return { shutdown, cleanup: () => adapters.close() };
}
