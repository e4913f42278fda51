/**
 * What the app exposes, read from its source and its build: every route handler method under
 * app/api and every server action, so the authorization matrix notices a new one without a row.
 */
import fs from "node:fs";
import path from "node:path";

export const projectRoot = path.resolve(__dirname, "..", "..", "..");

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "generated") out.push(...walk(full, keep));
    } else if (keep(full)) out.push(full);
  }
  return out.sort();
}

const relative = (file: string) => path.relative(projectRoot, file).split(path.sep).join("/");

/** The names a module exports as functions or consts (`export const GET =`, `export async function POST(`). */
function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?\s*|const\s+|let\s+)([A-Za-z_$][\w$]*)/gm)) names.add(match[1]);
  for (const match of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of match[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** "app/api/v1/annotations/[id]/route.ts" → "/api/v1/annotations/[id]". */
function routePattern(file: string): string {
  const dir = path.posix.dirname(relative(file)).replace(/^app/, "");
  return dir.split("/").filter((segment) => !/^\(.*\)$/.test(segment)).join("/");
}

/** Every route handler method as "METHOD /path/[param]". */
export function discoverRouteMethods(): string[] {
  const files = walk(path.join(projectRoot, "app", "api"), (file) => /[/\\]route\.(ts|tsx|js)$/.test(file));
  const keys: string[] = [];
  for (const file of files) {
    const methods = exportedNames(fs.readFileSync(file, "utf8")).filter((name) => (HTTP_METHODS as readonly string[]).includes(name));
    if (methods.length === 0) throw new Error(`${relative(file)} exports no HTTP method`);
    for (const method of methods) keys.push(`${method} ${routePattern(file)}`);
  }
  return keys;
}

/** A module whose first statement is the "use server" directive: each of its exports is a server action. */
function isServerModule(source: string): boolean {
  const body = source.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");
  return /^["']use server["']/.test(body);
}

/** Every exported server action of lib/ and app/ as "file#export". */
export function discoverActions(): string[] {
  const keys: string[] = [];
  for (const root of ["lib", "app"]) {
    for (const file of walk(path.join(projectRoot, root), (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))) {
      const source = fs.readFileSync(file, "utf8");
      if (!isServerModule(source)) continue;
      for (const name of exportedNames(source)) keys.push(`${relative(file)}#${name}`);
    }
  }
  return keys.sort();
}

export type TActionRef = { id: string; key: string; pages: string[] };

type TManifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };

/**
 * The build's server actions (.next/server/server-reference-manifest.json): id → file#export and
 * the pages ("app/(app)/documents/[id]/page") that can run it. Inline actions of app/ files show up
 * here too, with a generated export name.
 */
export function builtActions(): Map<string, TActionRef> {
  const file = path.join(projectRoot, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as TManifest;
  const byKey = new Map<string, TActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const key = `${entry.filename.replace(/^\.\//, "")}#${entry.exportedName}`;
    if (!key.startsWith("lib/") && !key.startsWith("app/")) continue;
    byKey.set(key, { id, key, pages: Object.keys(entry.workers) });
  }
  return byKey;
}

/** "app/(app)/documents/[id]/page" → "/documents/[id]". */
export function pagePath(worker: string): string {
  const route = worker.replace(/^app/, "").replace(/\/page$/, "");
  return route.split("/").filter((segment) => !/^\(.*\)$/.test(segment)).join("/") || "/";
}
