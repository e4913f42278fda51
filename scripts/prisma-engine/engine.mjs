// Loads @prisma/schema-engine-wasm and builds the PostgreSQL driver adapter it runs on
// (@prisma/adapter-pg), with the fixes the schema engine needs on top of the stock adapter.

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { createDatabase, dropDatabase, KnownError, parseDatabaseUrl, pgConfig, resetDatabase, withDatabase } from "./database.mjs";

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_constraint.contype, …)
const PG_TEXT_OID = 25;

/** Resolves the bridge's npm dependencies from the project root (not from this file's location). */
export function loadDependencies(root) {
  const rootRequire = createRequire(path.join(root, "package.json"));
  // Take pg and driver-adapter-utils from where adapter-pg resolves them, so the classes match.
  const adapterRequire = createRequire(rootRequire.resolve("@prisma/adapter-pg"));
  return {
    pg: adapterRequire("pg"),
    PrismaPg: adapterRequire("@prisma/adapter-pg").PrismaPg,
    adapterUtils: adapterRequire("@prisma/driver-adapter-utils"),
    wasmGluePath: rootRequire.resolve("@prisma/schema-engine-wasm/schema_engine_bg"),
  };
}

/**
 * Instantiates the Wasm engine. The package's entry point imports the .wasm file as an ES module,
 * which Node 20 cannot do without a flag, so wire the wasm-bindgen glue by hand.
 */
export async function loadSchemaEngineWasm(wasmGluePath) {
  // The engine's panic hook reports the panic message here before trapping.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    set_message(message) {
      this.message = message;
    },
  };
  const glue = await import(pathToFileURL(wasmGluePath).href);
  const bytes = fs.readFileSync(wasmGluePath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

/**
 * A pg.Client that reports PostgreSQL's "char" columns as text. adapter-pg rejects OID 18
 * ("Column type 'char' could not be deserialized"), but the engine's catalog queries select
 * such columns. The affected column indexes are remembered on the rows array so that queryRaw
 * can label them as Character, which is what the engine reads them as.
 */
function charTolerantClient(pg) {
  const relabel = (result) => {
    for (const r of Array.isArray(result) ? result : [result]) {
      if (!r?.fields) continue;
      const charColumns = [];
      r.fields.forEach((field, index) => {
        if (field.dataTypeID === PG_CHAR_OID) {
          field.dataTypeID = PG_TEXT_OID;
          charColumns.push(index);
        }
      });
      if (charColumns.length > 0) Object.defineProperty(r.rows, "charColumns", { value: charColumns });
    }
    return result;
  };
  return class CharTolerantClient extends pg.Client {
    query(config, values, callback) {
      if (typeof config?.submit === "function") return super.query(config, values, callback);
      if (typeof callback === "function") return super.query(config, values, (err, res) => callback(err, err ? res : relabel(res)));
      if (typeof values === "function") return super.query(config, (err, res) => values(err, err ? res : relabel(res)));
      return super.query(config, values).then(relabel);
    }
  };
}

/** A pg.Client that cannot connect, for a datasource without URL. */
function missingUrlClient(pg) {
  return class MissingUrlClient extends pg.Client {
    connect(callback) {
      const error = new Error("The datasource URL is missing. Set `datasource.url` in prisma.config.ts.");
      if (typeof callback === "function") return void process.nextTick(callback, error);
      return Promise.reject(error);
    }
  };
}

/**
 * Creates the migration-aware adapter factory the Wasm engine takes, plus bookkeeping: `state`
 * (errors the engine reports without detail) and `close()`, which disposes connections and
 * drops any temporary shadow database still around.
 */
export function createAdapterFactory(deps, { url, shadowDatabaseUrl }) {
  const { pg, PrismaPg, adapterUtils } = deps;
  const Client = charTolerantClient(pg);
  const characterColumnType = adapterUtils.ColumnTypeEnum.Character;
  const openAdapters = new Set();
  const temporaryDatabases = new Set();
  // lastDriverError: the last driver error kind, to restore error codes the engine drops;
  // lastScriptError: the pg error (and script) of the last failed executeScript.
  const state = { lastDriverError: null, lastScriptError: null };

  const recordErrors = (fn) => async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (error?.name === "DriverAdapterError") state.lastDriverError = error.cause;
      throw error;
    }
  };

  const patchQueryable = (queryable) => {
    const queryRaw = queryable.queryRaw.bind(queryable);
    queryable.queryRaw = recordErrors(async (query) => {
      const result = await queryRaw(query);
      for (const index of result.rows.charColumns ?? []) result.columnTypes[index] = characterColumnType;
      return result;
    });
    queryable.executeRaw = recordErrors(queryable.executeRaw.bind(queryable));
    return queryable;
  };

  const patchAdapter = (adapter) => {
    patchQueryable(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = recordErrors(async (...args) => patchQueryable(await startTransaction(...args)));
    // adapter-pg splits scripts on ";", which breaks plpgsql bodies ($$ … ; … $$), string literals
    // and comments. Send the whole script as one simple-protocol query, as the native engine does.
    adapter.executeScript = recordErrors(async (script) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        state.lastScriptError = { error, script };
        adapter.onError(error); // converts to DriverAdapterError and throws
      }
    });
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      openAdapters.delete(adapter);
      await dispose();
    };
    openAdapters.add(adapter);
    return adapter;
  };

  // One connection per database: the engine takes a session-level advisory lock
  // (pg_advisory_lock) for migrations, which must stay on the connection that queries.
  const connectTo = async (targetUrl) => {
    // The engine connects at startup even for commands that never query (e.g. a diff between
    // two schema files). Without a URL, fail on first use instead.
    if (!targetUrl) return patchAdapter(await new PrismaPg({ Client: missingUrlClient(pg), max: 1 }).connect());
    const { schema } = parseDatabaseUrl(targetUrl);
    const factory = new PrismaPg(pgConfig(targetUrl, { Client, max: 1 }), schema ? { schema } : undefined);
    return patchAdapter(await factory.connect());
  };

  const factory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectTo(url),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        const [shadow, main] = [new URL(shadowDatabaseUrl), new URL(url)];
        if (shadow.host === main.host && parseDatabaseUrl(shadowDatabaseUrl).database === parseDatabaseUrl(url).database) {
          throw new Error("The shadow database you configured appears to be the same as the main database. Please specify another shadow database.");
        }
        await resetDatabase(pg, shadowDatabaseUrl);
        return connectTo(shadowDatabaseUrl);
      }
      // adapter-pg's own connectToShadowDb cannot be used: it overrides `database` next to a
      // connectionString, which pg ignores, so its "shadow" pool would talk to the main database.
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await createDatabase(pg, url, name).catch((error) => {
        const original = error.code ? `Error code: ${error.code}\n${error.message}` : error.message;
        throw new KnownError(
          "P3014",
          `Prisma Migrate could not create the shadow database. Please make sure the database user has permission to create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: ${original}`,
        );
      });
      temporaryDatabases.add(name);
      const adapter = await connectTo(withDatabase(url, name)).catch(async (error) => {
        await dropTemporary(name);
        throw error;
      });
      const dispose = adapter.dispose;
      adapter.dispose = async () => {
        await dispose();
        await dropTemporary(name);
      };
      return adapter;
    },
  };

  async function dropTemporary(name) {
    if (!temporaryDatabases.delete(name)) return;
    await dropDatabase(pg, url, name, { force: true, ifExists: true });
  }

  async function close() {
    await Promise.allSettled([...openAdapters].map((adapter) => adapter.dispose()));
    await Promise.allSettled([...temporaryDatabases].map(dropTemporary));
  }

  return { factory, bound: adapterUtils.bindMigrationAwareSqlAdapterFactory(factory), state, close };
}
