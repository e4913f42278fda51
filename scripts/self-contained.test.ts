/**
 * A clone of the repository alone must pass its tests: nothing in it may name a path outside it,
 * and the upstream specification files the tests read (e2e/specs) must be the upstream bytes.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const projectRoot = path.resolve(__dirname, "..");
const specsDir = path.join(projectRoot, "e2e", "specs");

// Built from parts so that this file does not name them itself.
const outsidePaths = [new RegExp(["\\.\\.", "shared"].join("[\\\\/]")), new RegExp(`(?<![\\w.\\-/])${["", "work", ""].join("/")}`)];

function repositoryFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: projectRoot, encoding: "utf8" });
  const skipped = (file: string) => file.startsWith("e2e/specs/") || file.split("/").includes("node_modules") || /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(file);
  return [...new Set(out.split("\0"))].filter((file) => file && !skipped(file) && fs.statSync(path.join(projectRoot, file), { throwIfNoEntry: false })?.isFile());
}

/** "file:line: text" for every line of `files` that names a path outside the repository. */
function outsideReferences(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(projectRoot, file), "latin1").split("\n");
    lines.forEach((line, i) => {
      if (outsidePaths.some((pattern) => pattern.test(line))) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
    });
  }
  return found;
}

describe("the repository is self-contained", () => {
  it("names no path outside it in any file it tracks", () => {
    const files = repositoryFiles();
    expect(files).toContain("README.md");
    expect(outsideReferences(files)).toEqual([]);
  });

  it("would flag a file that reads the shared folder beside it or an absolute path on one machine", () => {
    const probe = `outside-probe-${process.pid}.md`;
    const parent = ["..", "shared", "specs"].join("/");
    const machine = ["", "work", "shared", "ARCHITECTURE.md"].join("/");
    fs.writeFileSync(path.join(projectRoot, probe), `ok: https://example.com${["", "work", ""].join("/")}\nread ${parent}\nsee \`${machine}\`\n`);
    try {
      expect(outsideReferences([probe])).toEqual([`${probe}:2: read ${parent}`, `${probe}:3: see \`${machine}\``]);
    } finally {
      fs.rmSync(path.join(projectRoot, probe));
    }
  });
});

describe("the specification files in e2e/specs", () => {
  const listed = new Map(
    fs
      .readFileSync(path.join(specsDir, "SHA256SUMS"), "utf8")
      .trim()
      .split("\n")
      .map((line) => {
        const [hash, file] = line.split(/ {2}/);
        return [file, hash] as const;
      }),
  );

  it("are the upstream bytes listed in SHA256SUMS", () => {
    const changed = [...listed].filter(([file, hash]) => crypto.createHash("sha256").update(fs.readFileSync(path.join(specsDir, file))).digest("hex") !== hash);
    expect(changed.map(([file]) => file)).toEqual([]);
    expect(listed.has("w3c-annotation-model/WPT-LICENSE.md")).toBe(true);
    expect(listed.has("csl/LICENSE.txt")).toBe(true);
  });

  it("hold no file that SHA256SUMS does not list", () => {
    const present = (fs.readdirSync(specsDir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(specsDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .filter((file) => file !== "SHA256SUMS" && file !== "README.md");
    expect(present.filter((file) => !listed.has(file))).toEqual([]);
  });
});
