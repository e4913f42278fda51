// Direct PostgreSQL work the bridge does itself (with `pg`, outside the Wasm engine): connection
// checks, CREATE/DROP DATABASE, and mapping driver errors to Prisma's user-facing error codes.

/** An error carrying a Prisma error code (P1001, …), like the native engine's KnownError. */
export class KnownError extends Error {
  constructor(code, message, meta = {}) {
    super(message);
    this.name = "KnownError";
    this.code = code;
    this.meta = meta;
  }
}

export function parseDatabaseUrl(url) {
  if (!url) throw new KnownError("P1012", "The datasource URL is missing. Set `datasource.url` in prisma.config.ts.");
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new KnownError("P1013", "The provided database string is invalid. The URL could not be parsed.");
  }
  if (!["postgres:", "postgresql:"].includes(parsed.protocol)) {
    throw new KnownError(
      "P1013",
      `The provided database string is invalid. The Prisma schema engine bridge only supports PostgreSQL URLs (got \`${parsed.protocol}\`).`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres";
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  const port = Number(parsed.port || 5432);
  return {
    url,
    database,
    host,
    port,
    user: decodeURIComponent(parsed.username || "postgres"),
    schema: parsed.searchParams.get("schema") || undefined,
    connectTimeout: parsed.searchParams.has("connect_timeout") ? Number(parsed.searchParams.get("connect_timeout")) : 5,
  };
}

/** The same server URL, pointing at another database. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export const quoteIdent = (name) => `"${String(name).replace(/"/g, '""')}"`;

/** pg client/pool settings for a Prisma-style URL. */
export function pgConfig(url, extra = {}) {
  const info = parseDatabaseUrl(url);
  const config = {
    connectionString: url,
    // pg waits forever by default; the native engine gives up after `connect_timeout` (5s).
    connectionTimeoutMillis: info.connectTimeout > 0 ? info.connectTimeout * 1000 : 0,
    ...extra,
  };
  // `?schema=` is Prisma's URL parameter; pg ignores it, so set the search path explicitly.
  if (info.schema) config.options = `-c search_path=${quoteIdent(info.schema)}`;
  return config;
}

const SOCKET_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET"]);

/** Maps a `pg` error to the user-facing error the native engine reports for the same failure. */
export function knownErrorFromPg(error, url) {
  if (error instanceof KnownError) return error;
  const { host, port, database, user, schema } = parseDatabaseUrl(url);
  const location = `${host}:${port}`;
  const code = error?.code;
  const message = String(error?.message ?? error);
  if (SOCKET_ERRORS.has(code) || /timeout|Connection terminated unexpectedly/i.test(message) || error?.errors?.length) {
    return new KnownError(
      "P1001",
      `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
      { database_host: host, database_port: port },
    );
  }
  switch (code) {
    case "3D000":
      return new KnownError("P1003", `Database \`${database}\` does not exist on the database server at \`${location}\`.`, {
        database_name: database,
        database_host: host,
        database_port: port,
      });
    case "28P01":
      return new KnownError(
        "P1000",
        `Authentication failed against database server at \`${host}\`, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${host}\`.`,
        { database_user: user, database_host: host },
      );
    case "28000":
      return new KnownError("P1010", `User \`${user}\` was denied access on the database \`${database}.${schema ?? "public"}\``, {
        database_user: user,
        database_name: database,
      });
    case "42P04":
      return new KnownError("P1009", `Database \`${database}\` already exists on the database server at \`${location}\``, {
        database_name: database,
        database_host: host,
        database_port: port,
      });
    default:
      if (/SSL|TLS|certificate/i.test(message)) return new KnownError("P1011", `Error opening a TLS connection: ${message}`);
      return new KnownError("", message);
  }
}

async function withClient(pg, url, fn) {
  const client = new pg.Client(pgConfig(url));
  // An unhandled 'error' event (server gone mid-session) would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs `fn` on a connection to the server behind `url` that is not connected to `avoid`: the URL's
 * own database if allowed and present, else the maintenance databases (postgres, template1).
 */
export async function withServerClient(pg, url, avoid, fn) {
  const own = parseDatabaseUrl(url).database;
  const candidates = [own, "postgres", "template1"].filter((db, i, all) => db !== avoid && all.indexOf(db) === i);
  let lastError;
  for (const database of candidates) {
    try {
      return await withClient(pg, withDatabase(url, database), fn);
    } catch (error) {
      if (error?.code !== "3D000") throw error;
      lastError = error;
    }
  }
  throw lastError;
}

export async function canConnect(pg, url) {
  try {
    await withClient(pg, url, (client) => client.query("SELECT 1"));
  } catch (error) {
    throw knownErrorFromPg(error, url);
  }
}

/** CREATE DATABASE `name` (default: the URL's database) on the URL's server. */
export async function createDatabase(pg, url, name = parseDatabaseUrl(url).database) {
  try {
    await withServerClient(pg, url, name, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  } catch (error) {
    throw knownErrorFromPg(error, withDatabase(url, name));
  }
  return name;
}

/** DROP DATABASE `name` (default: the URL's database) on the URL's server. */
export async function dropDatabase(pg, url, name = parseDatabaseUrl(url).database, { force = false, ifExists = false } = {}) {
  const base = `DROP DATABASE ${ifExists ? "IF EXISTS " : ""}${quoteIdent(name)}`;
  try {
    await withServerClient(pg, url, name, async (client) => {
      if (!force) return client.query(base);
      // WITH (FORCE) (PostgreSQL 13+) also ends sessions a killed run may have left behind.
      return client.query(`${base} WITH (FORCE)`).catch((error) => {
        if (error?.code === "42601") return client.query(base);
        throw error;
      });
    });
  } catch (error) {
    throw knownErrorFromPg(error, withDatabase(url, name));
  }
}

/**
 * Empties a user-provided shadow database before use, as the native engine does: drop every
 * non-system schema and recreate the one the URL points at.
 */
export async function resetDatabase(pg, url) {
  const { schema } = parseDatabaseUrl(url);
  await withClient(pg, url, async (client) => {
    const { rows } = await client.query(
      `SELECT nspname FROM pg_namespace
        WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
    );
    const statements = rows.map((row) => `DROP SCHEMA ${quoteIdent(row.nspname)} CASCADE;`);
    statements.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema ?? "public")};`);
    await client.query(statements.join("\n"));
  });
}
