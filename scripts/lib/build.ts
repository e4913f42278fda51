/** Builds the app with `next build` unless .next already holds a build of the current code. */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./database";

const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "instrumentation-client.ts", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
const SKIP = new Set(["generated", "node_modules"]);
const STAMP = path.join(projectRoot, ".next", "provenant-source-hash");

function walk(entry: string, hash: ReturnType<typeof createHash>) {
  const full = path.join(projectRoot, entry);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) if (!SKIP.has(name)) walk(path.join(entry, name), hash);
    return;
  }
  if (entry.endsWith(".test.ts")) return;
  hash.update(entry).update("\0").update(fs.readFileSync(full)).update("\0");
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const entry of INPUTS) walk(entry, hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === sourceHash() && fs.existsSync(path.join(projectRoot, ".next", "BUILD_ID"));
}

/** Returns false when the build failed. */
export function ensureBuild(options: { force?: boolean } = {}): boolean {
  if (!options.force && buildIsCurrent()) {
    console.log("[build] .next is current for this code; skipping next build");
    return true;
  }
  const hash = sourceHash();
  console.log("[build] next build");
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) return false;
  fs.writeFileSync(STAMP, hash);
  return true;
}
