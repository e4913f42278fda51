/** `npm run bench`: runs every bench/*.ts but this one, in turn, with tsx; each prints its own table. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const tsx = path.join(__dirname, "..", "node_modules", ".bin", "tsx");
const benches = fs
  .readdirSync(__dirname)
  .filter((name) => name.endsWith(".ts") && name !== path.basename(__filename))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(tsx, [path.join(__dirname, name)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
console.log(`\n${benches.length - failed} of ${benches.length} benches ran`);
process.exit(failed === 0 ? 0 : 1);
