import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineMismatches } from "./engines";
import { nodeMajor, REQUIRED_NODE_MAJOR } from "./node-runtime";

const projectRoot = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};

describe("the Node that runs Provenant", () => {
  it("is Node 24, the pinned `node` package, inside npm scripts", () => {
    expect(nodeMajor()).toBe(REQUIRED_NODE_MAJOR);
    expect(manifest.dependencies.node).toMatch(/^24\.\d+\.\d+$/);
    expect(manifest.engines.node).toBe(`>=${REQUIRED_NODE_MAJOR}`);
    // The shell's `node` in this test process (children started through a shebang) is the same binary.
    expect(process.env.PATH?.split(path.delimiter)[0]).toBe(path.dirname(process.execPath));
  });

  it("satisfies the engines of every installed package", () => {
    expect(engineMismatches(projectRoot)).toEqual([]);
  });

  it("would name a package whose engines exclude the running Node", () => {
    const onNode20 = engineMismatches(projectRoot, "v20.20.2").map((m) => m.name);
    expect(onNode20).toContain("sanitize-html");
    expect(onNode20).toContain("unpdf");
  });

  it("is the version the README's install command brings", () => {
    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8");
    const pinned = [...readme.matchAll(/node@(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
    expect(pinned.length).toBeGreaterThan(0);
    expect(new Set(pinned)).toEqual(new Set([manifest.dependencies.node]));
  });

  it("runs install scripts only of the packages approved in package.json", () => {
    expect(manifest.allowScripts.node).toBe(true);
    // Prisma's postinstall downloads native engines from outside the npm registry; the wasm bridge replaces them.
    expect(manifest.allowScripts["@prisma/engines"]).toBe(false);
  });
});
