/**
 * The lib functions import "server-only", which throws unless Node resolves it with the
 * "react-server" condition (as Next's server bundle does). A bench that calls them runs itself again
 * under `tsx --conditions=react-server` (the same trick as vitest's alias to an empty module,
 * without a bundler), and only then imports its real work.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const CONDITION = "--conditions=react-server";

/** Runs `file` again under the condition, or, when already under it, loads and runs `main`. */
export function underReactServer(file: string, load: () => Promise<{ main: (smoke: boolean) => unknown }>): void {
  if (!process.execArgv.includes(CONDITION)) {
    const tsx = path.join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
    const child = spawnSync(tsx, [CONDITION, file, ...process.argv.slice(2)], { stdio: "inherit" });
    process.exit(child.status ?? 1);
  }
  void load().then(({ main }) => main(process.argv.includes("--smoke")));
}
