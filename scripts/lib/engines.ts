/**
 * Every installed package's `engines.node` checked against the Node that runs Provenant. npm checks
 * engines against the Node that runs npm itself, which on a machine with an older system Node is not
 * the one our code runs on; this checks the one that does.
 */
import fs from "node:fs";
import path from "node:path";
import semver from "semver";

export type TEngineMismatch = { name: string; version: string; required: string; where: string };

function* installedPackages(modulesDir: string): Generator<string> {
  if (!fs.existsSync(modulesDir)) return;
  for (const entry of fs.readdirSync(modulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const dir = path.join(modulesDir, entry.name);
    if (entry.name.startsWith("@")) {
      for (const scoped of fs.readdirSync(dir, { withFileTypes: true })) {
        if (scoped.isDirectory()) yield* packageAndNested(path.join(dir, scoped.name));
      }
    } else {
      yield* packageAndNested(dir);
    }
  }
}

function* packageAndNested(dir: string): Generator<string> {
  if (fs.existsSync(path.join(dir, "package.json"))) yield dir;
  yield* installedPackages(path.join(dir, "node_modules"));
}

/** Installed packages (nested ones too) whose `engines.node` range excludes `nodeVersion`. */
export function engineMismatches(projectRoot: string, nodeVersion: string = process.version): TEngineMismatch[] {
  const mismatches: TEngineMismatch[] = [];
  for (const dir of installedPackages(path.join(projectRoot, "node_modules"))) {
    let manifest: { name?: string; version?: string; engines?: { node?: unknown } };
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    } catch {
      continue; // a package.json that is not JSON is no installed package (some ship test fixtures)
    }
    const required = manifest.engines?.node;
    if (typeof required !== "string" || !manifest.name) continue;
    if (!semver.satisfies(nodeVersion, required, { includePrerelease: true })) {
      mismatches.push({ name: manifest.name, version: manifest.version ?? "?", required, where: path.relative(projectRoot, dir) });
    }
  }
  return mismatches;
}
