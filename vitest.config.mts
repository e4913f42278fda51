import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  // "server-only" throws outside Next's server bundle; lib/ is tested in plain Node.
  resolve: { alias: { "@": root, "server-only": path.join(root, "lib/testing/server-only-stub.ts") } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Tests share one database server; files run one after another.
    fileParallelism: false,
  },
});
