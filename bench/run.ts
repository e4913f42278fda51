/**
 * `npm run bench`: runs every bench/*.ts but this one, in turn, with tsx; each prints its own table.
 * `npm run bench -- --smoke` passes `--smoke` on: each bench runs at a small size, to show it still
 * works (CI does this), not to measure. `npm run bench -- NAME…` runs only bench/NAME.ts. Every
 * option is passed on to each bench run (`npm run bench -- reading-view --counts=2000`).
 */
import "../scripts/lib/node-runtime";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const tsx = path.join(__dirname, "..", "node_modules", ".bin", "tsx");
const options = process.argv.slice(2).filter((arg) => arg.startsWith("--"));
const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const benches = fs
  .readdirSync(__dirname)
  .filter((name) => name.endsWith(".ts") && name !== path.basename(__filename))
  .filter((name) => chosen.length === 0 || chosen.includes(name.replace(/\.ts$/, "")))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(tsx, [path.join(__dirname, name), ...options], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
console.log(`\n${benches.length - failed} of ${benches.length} benches ran`);
process.exit(failed === 0 ? 0 : 1);
