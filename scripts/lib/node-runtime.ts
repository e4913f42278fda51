/**
 * The Node that runs Provenant: the `node` package pinned in package.json (Node 24 LTS from the npm
 * registry), which npm scripts find first on the PATH in node_modules/.bin. A machine whose own Node
 * is 24 or newer runs the same. Importing this module
 * - refuses an older Node with a message that says how to get the right one, and
 * - puts this very binary first on the PATH, so that a child started through a `#!/usr/bin/env node`
 *   shebang (tsx, vitest, playwright, eslint, the Prisma engine bridge) runs on it too, even when the
 *   launcher was started without node_modules/.bin on the PATH.
 */
import path from "node:path";

export const REQUIRED_NODE_MAJOR = 24;

export function nodeMajor(version: string = process.version): number {
  return Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
}

/** `env` with the directory of this process's Node binary first on its PATH (once). */
export function withThisNode(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const nodeDir = path.dirname(process.execPath);
  const entries = (env.PATH ?? "").split(path.delimiter).filter((entry) => entry && entry !== nodeDir);
  return { ...env, PATH: [nodeDir, ...entries].join(path.delimiter) };
}

if (nodeMajor() < REQUIRED_NODE_MAJOR) {
  console.error(
    `[provenant] Node ${process.version} is too old: Provenant runs on Node ${REQUIRED_NODE_MAJOR}. ` +
      "Run it through npm (npm start, npm test), which uses the Node that `npm install` put in node_modules/.bin.",
  );
  process.exit(1);
}
process.env.PATH = withThisNode().PATH;

/** One line at the start of `npm start` and `npm test`: which Node runs them, and from where. */
export function announceNode(): void {
  console.log(`[node] ${process.version} (${process.execPath})`);
}
