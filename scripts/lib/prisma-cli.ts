/**
 * Runs the Prisma CLI offline.
 *
 * Prisma downloads a native `schema-engine` binary from binaries.prisma.sh for `generate` and every
 * `migrate`/`db` command. Where that binary is not installed, the CLI is pointed at
 * scripts/prisma-engine/bridge.mjs instead, which speaks the same protocol using the
 * @prisma/schema-engine-wasm npm package (PostgreSQL through @prisma/adapter-pg).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { withThisNode } from "./node-runtime";

const projectRoot = path.resolve(__dirname, "..", "..");
const prismaCli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
export const bridgePath = path.join(projectRoot, "scripts", "prisma-engine", "bridge.mjs");

/** A downloaded native engine (node_modules/@prisma/engines or next to the CLI), if any. */
function nativeEngineInstalled(): boolean {
  const dirs = [path.join(projectRoot, "node_modules", "@prisma", "engines"), path.join(projectRoot, "node_modules", "prisma")];
  return dirs.some((dir) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return false;
    }
    return names.some((name) => {
      if (!/^schema-engine-[\w.-]+$/.test(name) || /\.(gz|sha256|sig|tmp)$/.test(name)) return false;
      try {
        const stat = fs.statSync(path.join(dir, name));
        return stat.isFile() && stat.size > 1_000_000; // skip partial downloads
      } catch {
        return false;
      }
    });
  });
}

/** Environment for the Prisma CLI: no update checks or telemetry, and the engine bridge when needed. */
export function prismaEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  const userEngine = base.PRISMA_SCHEMA_ENGINE_BINARY || base.PRISMA_MIGRATION_ENGINE_BINARY;
  if (!userEngine && !nativeEngineInstalled()) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = bridgePath;
    env.PRISMA_ENGINE_BRIDGE_ROOT = projectRoot;
    // The bridge starts with `#!/usr/bin/env node`: make sure this node is the one found.
    env.PATH = withThisNode(env).PATH;
  }
  return env;
}

export async function runPrisma(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; stdio?: "inherit" | "pipe"; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdio = opts.stdio ?? "pipe";
  const child = spawn(process.execPath, [prismaCli, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env: prismaEnv(opts.env ?? process.env),
    stdio: stdio === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
