#!/usr/bin/env node
// Prisma schema engine bridge.
//
// The Prisma CLI runs this file in place of the native `schema-engine` binary when
// PRISMA_SCHEMA_ENGINE_BINARY points at it (see scripts/lib/prisma-cli.ts). It accepts the
// native engine's command line:
//   bridge.mjs [--datamodels <file>...] [--datasource <json>]           JSON-RPC server on stdio
//   bridge.mjs --datasource <json> cli <can-connect-to-database|create-database|drop-database>
//   bridge.mjs --version
// and serves it with @prisma/schema-engine-wasm on top of @prisma/adapter-pg, so no engine
// binary has to be downloaded. PostgreSQL only.
//
// This file only locates the project and parses arguments; the rest is imported from the
// project's scripts/prisma-engine/ by absolute path, so a copy of this file still works when
// PRISMA_ENGINE_BRIDGE_ROOT names the project root.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT_ENV = "PRISMA_ENGINE_BRIDGE_ROOT";
const MODULE_DIR = path.join("scripts", "prisma-engine");

function findProjectRoot() {
  if (process.env[ROOT_ENV]) return path.resolve(process.env[ROOT_ENV]);
  const isRoot = (dir) =>
    fs.existsSync(path.join(dir, MODULE_DIR, "server.mjs")) &&
    fs.existsSync(path.join(dir, "node_modules", "@prisma", "schema-engine-wasm", "package.json"));
  for (const start of [path.dirname(fs.realpathSync(fileURLToPath(import.meta.url))), process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (isRoot(dir)) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`Cannot locate the project with ${MODULE_DIR}/ and @prisma/schema-engine-wasm; set ${ROOT_ENV}.`);
}

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, version: false, help: false, cli: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let inline;
    if (flag.startsWith("--") && flag.includes("=")) {
      inline = flag.slice(flag.indexOf("=") + 1);
      flag = flag.slice(0, flag.indexOf("="));
    }
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`Missing value for ${flag}`);
      return v;
    };
    switch (flag) {
      case "-V":
      case "--version":
        args.version = true;
        break;
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "-d":
      case "--datamodels":
        // structopt accepts both `--datamodels a b` and `--datamodels a --datamodels b`.
        args.datamodels.push(value());
        while (inline === undefined && i + 1 < argv.length && !argv[i + 1].startsWith("-") && argv[i + 1] !== "cli") {
          args.datamodels.push(argv[++i]);
        }
        break;
      case "--datasource":
        args.datasource = JSON.parse(value());
        break;
      case "--enabled-preview-features":
      case "--extension-types":
        // The Wasm engine takes neither; postgres extension types are not supported here.
        args.ignored.push(flag, value());
        break;
      case "cli":
        args.cli = argv[i + 1] ?? "";
        i = argv.length;
        break;
      default:
        throw new Error(`Unexpected argument: ${argv[i]}`);
    }
  }
  return args;
}

const USAGE = `Prisma schema engine bridge (Wasm engine + @prisma/adapter-pg)

USAGE:
    bridge.mjs [--datamodels <FILE>...] [--datasource <JSON>]    JSON-RPC server over stdio
    bridge.mjs --datasource <JSON> cli <SUBCOMMAND>

SUBCOMMANDS:
    can-connect-to-database, create-database, drop-database
`;

async function main() {
  const root = findProjectRoot();
  const load = (name) => import(pathToFileURL(path.join(root, MODULE_DIR, name)).href);
  const args = parseArgs(process.argv.slice(2));

  // Same engine commit as the Wasm package: "7.10.0-4.<git hash>".
  const wasmPackage = JSON.parse(fs.readFileSync(path.join(root, "node_modules/@prisma/schema-engine-wasm/package.json"), "utf8"));
  const gitHash = wasmPackage.version.split(".").at(-1);

  if (args.version) {
    process.stdout.write(`schema-engine-cli ${gitHash}\n`);
    return;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }

  const { log, writeLog, routeProcessOutput } = await load("log.mjs");
  routeProcessOutput();
  let cleanup = async () => {};

  // The native engine logs a panic and exits 101 (the CLI reports a Rust panic); a Wasm panic
  // surfaces as an uncaught WebAssembly.RuntimeError after the panic hook stored the message.
  const fatal = async (error) => {
    const panic = error instanceof WebAssembly.RuntimeError;
    const message = (panic && globalThis.PRISMA_WASM_PANIC_REGISTRY?.message) || String(error?.message ?? error);
    writeLog("ERROR", { is_panic: panic, message, backtrace: String(error?.stack ?? "") });
    await Promise.race([cleanup().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 4000).unref())]);
    process.exit(panic ? 101 : 1);
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);

  const { loadDependencies } = await load("engine.mjs");
  const deps = loadDependencies(root);

  if (args.cli !== undefined) {
    const { canConnect, createDatabase, dropDatabase, knownErrorFromPg, KnownError } = await load("database.mjs");
    log.info("Starting schema engine CLI", { git_hash: gitHash });
    const url = args.datasource?.url ?? "";
    try {
      let message;
      switch (args.cli) {
        case "can-connect-to-database":
          await canConnect(deps.pg, url);
          message = "Connection successful";
          break;
        case "create-database":
          message = `Database '${await createDatabase(deps.pg, url)}' was successfully created.`;
          break;
        case "drop-database":
          await dropDatabase(deps.pg, url);
          message = "The database was successfully dropped.";
          break;
        default:
          throw new KnownError("", `Unknown cli subcommand \`${args.cli}\`.\n\n${USAGE}`);
      }
      log.info(message);
      process.exit(0);
    } catch (error) {
      let known = error instanceof KnownError ? error : undefined;
      try {
        known ??= knownErrorFromPg(error, url);
      } catch (parseError) {
        known = parseError;
      }
      // The CLI reads `error_code` and `message` from this exact target.
      writeLog("ERROR", { is_panic: false, error_code: known.code ?? "", message: known.message }, "schema_engine::logger");
      process.exit(1);
    }
  }

  if (args.ignored.length > 0) log.info("Ignoring engine options the Wasm engine does not take", { args: args.ignored.join(" ") });
  const datamodels = args.datamodels.length > 0 ? args.datamodels.map((file) => [file, fs.readFileSync(file, "utf8")]) : undefined;
  const { runServer } = await load("server.mjs");
  const server = await runServer({ deps, datamodels, datasource: args.datasource, gitHash });
  cleanup = server.cleanup;
}

main().catch((error) => {
  process.stderr.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level: "ERROR", fields: { is_panic: false, message: String(error?.stack ?? error) }, target: "schema_engine" })}\n`,
  );
  process.exit(1);
});
