// Log lines in the shape the native schema engine writes to stderr (tracing-subscriber JSON):
// {"timestamp":"…","level":"INFO","fields":{"message":"…",…},"target":"schema_engine"}
// The Prisma CLI parses these: `fields.message` for its error context, level ERROR for the last
// error, and in `cli` mode the `schema_engine::logger` target carrying `error_code`.

const LEVELS = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

// The CLI starts the engine with RUST_LOG=info; honour a more verbose setting if the user asks.
function thresholdFromEnv() {
  const spec = (process.env.RUST_LOG ?? "info").toLowerCase();
  if (spec.includes("trace")) return LEVELS.TRACE;
  if (spec.includes("debug")) return LEVELS.DEBUG;
  return LEVELS.INFO;
}

const threshold = thresholdFromEnv();

export function writeLog(level, fields, target = "schema_engine") {
  if ((LEVELS[level] ?? LEVELS.INFO) < threshold) return;
  const line = JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target });
  process.stderr.write(`${line}\n`);
}

export const log = {
  info: (message, extra = {}) => writeLog("INFO", { message, ...extra }),
  warn: (message, extra = {}) => writeLog("WARN", { message, ...extra }),
  error: (message, extra = {}, target) => writeLog("ERROR", { message, ...extra }, target),
};

/** Parses a log line emitted by the Wasm engine (a JSON string without timestamp). */
export function parseEngineLog(raw) {
  try {
    const entry = typeof raw === "string" ? JSON.parse(raw) : raw;
    if (entry && typeof entry === "object" && entry.level && entry.fields) return entry;
  } catch {
    // not JSON: wrap it below
  }
  return { level: "DEBUG", fields: { message: String(raw) }, target: "schema_engine_wasm" };
}

/** Writes an engine log entry to stderr, adding the timestamp the native engine writes. */
export function forwardEngineLog(entry) {
  writeLog(String(entry.level).toUpperCase(), entry.fields, entry.target);
}

/**
 * Keeps stderr machine-readable: Node prints warnings (deprecations etc.) as plain text, which the
 * CLI would fail to parse in `cli` mode. Route them through the JSON logger, and send anything a
 * dependency writes with console.* to stderr too (stdout carries only JSON-RPC).
 */
export function routeProcessOutput() {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => writeLog("WARN", { message: String(warning) }, "node"));
  const toLog = (...args) => writeLog("DEBUG", { message: args.map(String).join(" ") }, "console");
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.warn = (...args) => writeLog("WARN", { message: args.map(String).join(" ") }, "console");
  console.error = (...args) => writeLog("WARN", { message: args.map(String).join(" ") }, "console");
}
