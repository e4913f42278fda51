import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { testWorkspace } from "@/lib/testing/annotation-fixtures";
import { exportSourcesFile } from "./export";
import { importSources, previewImport } from "./import";
import { MAX_IMPORT_BYTES } from "./import-schemas";
import { createSource } from "./mutations";
import { ZCreateSource } from "./schemas";

// Lets a test make one insert fail mid-import, to see the whole import roll back.
const failure = vi.hoisted(() => ({ onTitle: "" }));
vi.mock("./mutations", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./mutations")>();
  return {
    ...actual,
    insertSource: (...args: Parameters<typeof actual.insertSource>) => {
      if (failure.onTitle && args[1].input.title === failure.onTitle) throw new Error("insert failed");
      return actual.insertSource(...args);
    },
  };
});

const BIB = String.raw`
@book{dewaal2003, author = {de Waal, Thomas}, title = {Black Garden}, publisher = {NYU Press}, year = {2003}}
@techreport{memorial1992, author = {{Memorial Human Rights Centre}}, title = {Report on Khojaly}, year = {1992}}
@article{newsweek1992, title = {Massacre in the Caucasus}, journal = {Newsweek}, date = {1992-03-16}, doi = {10.1000/NEWSWEEK.1992.0316}}
@book{again, author = {de Waal, Thomas}, title = {Black garden}, year = {2003}}
`;

async function workspaceWithNewsweek() {
  const ws = await testWorkspace();
  const input = ZCreateSource.parse({ workspaceId: ws.workspaceId, kind: "NEWS_ARTICLE", title: "Newsweek, 16 March 1992", doi: "https://doi.org/10.1000/newsweek.1992.0316" });
  const existing = await createSource({ userId: ws.users.EDITOR.id, input });
  return { ...ws, existing };
}

const count = (workspaceId: string) => db().source.count({ where: { workspaceId } });

describe("source import (real database)", () => {
  it("previews 2 new, 1 match by DOI and 1 repeat; imports the 2; the CSL-JSON export re-imports with no changes", async () => {
    const { workspaceId, users, existing } = await workspaceWithNewsweek();
    const options = { userId: users.REVIEWER.id, workspaceId, format: "bibtex" as const, content: BIB };

    const preview = await previewImport(options);
    expect(preview.problems).toEqual([]);
    expect(preview.items.map((i) => [i.entry.title, i.match?.by ?? null, i.duplicateOf])).toEqual([
      ["Black Garden", null, null],
      ["Report on Khojaly", null, null],
      ["Massacre in the Caucasus", "doi", null],
      ["Black garden", null, 0],
    ]);
    expect(preview.items[2].match).toEqual({ sourceId: existing.id, title: existing.title, by: "doi" });
    expect(await count(workspaceId)).toBe(1);

    const result = await importSources(options);
    expect(result.created.map((s) => s.title)).toEqual(["Black Garden", "Report on Khojaly"]);
    expect(result.created[1].authors).toEqual([{ literal: "Memorial Human Rights Centre" }]);
    expect(result.matched).toEqual([{ index: 2, sourceId: existing.id, title: existing.title, by: "doi" }]);
    expect(await count(workspaceId)).toBe(3);

    const file = await exportSourcesFile({ userId: users.VIEWER.id, workspaceId, format: "csl-json" });
    expect(JSON.parse(file.body)).toHaveLength(3);
    const again = await importSources({ ...options, format: "csl-json", content: file.body });
    expect(again.created).toEqual([]);
    expect(again.matched).toHaveLength(3);
    expect(await count(workspaceId)).toBe(3);
  });

  it("rolls the whole import back when one entry fails", async () => {
    const { workspaceId, users } = await workspaceWithNewsweek();
    failure.onTitle = "Report on Khojaly";
    try {
      await expect(importSources({ userId: users.EDITOR.id, workspaceId, format: "bibtex", content: BIB })).rejects.toThrow("insert failed");
    } finally {
      failure.onTitle = "";
    }
    expect(await count(workspaceId)).toBe(1);
  });

  it("needs REVIEWER, hides the workspace from strangers, refuses big and unreadable files", async () => {
    const { workspaceId, users } = await workspaceWithNewsweek();
    const base = { workspaceId, format: "bibtex" as const, content: BIB };
    await expect(importSources({ ...base, userId: users.VIEWER.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(previewImport({ ...base, userId: users.VIEWER.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importSources({ ...base, userId: users.STRANGER.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(previewImport({ ...base, userId: users.REVIEWER.id, content: "x".repeat(MAX_IMPORT_BYTES + 1) })).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    await expect(previewImport({ ...base, userId: users.REVIEWER.id, content: "@book{x, title={" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/BibTeX/),
      fields: { content: expect.any(String) },
    });
    await expect(previewImport({ ...base, userId: users.REVIEWER.id, format: "csl-json", content: "{" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await count(workspaceId)).toBe(1);
  });

  it("exports one document's cited sources, with file names and types; not to strangers", async () => {
    const { workspaceId, documentId, users, existing } = await workspaceWithNewsweek();
    await createSource({ userId: users.EDITOR.id, input: ZCreateSource.parse({ workspaceId, kind: "BOOK", title: "Uncited" }) });
    const annotation = await db().annotation.create({
      data: { workspaceId, documentId, documentRevision: 1, start: 0, end: 8, exact: "Memorial", prefix: "", suffix: " reported", sourceId: existing.id, createdById: users.OWNER.id, updatedById: users.OWNER.id },
      select: { id: true },
    });
    const file = await exportSourcesFile({ userId: users.VIEWER.id, workspaceId, documentId, format: "bibtex" });
    expect(file.contentType).toBe("application/x-bibtex; charset=utf-8");
    expect(file.filename).toBe("doc-sources.bib");
    expect(file.body).toContain("10.1000/newsweek.1992.0316");
    expect(file.body).not.toContain("Uncited");

    await db().annotation.update({ where: { id: annotation.id }, data: { deletedAt: new Date() } });
    const none = await exportSourcesFile({ userId: users.VIEWER.id, workspaceId, documentId, format: "csl-json" });
    expect(JSON.parse(none.body)).toEqual([]);

    const all = await exportSourcesFile({ userId: users.VIEWER.id, workspaceId, format: "csl-json" });
    expect(all.contentType).toBe("application/vnd.citationstyles.csl+json");
    expect(all.filename).toMatch(/^desk-[a-z0-9]+-sources\.json$/);
    expect(JSON.parse(all.body)).toHaveLength(2);
    await expect(exportSourcesFile({ userId: users.STRANGER.id, workspaceId, format: "csl-json" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await testWorkspace();
    await expect(exportSourcesFile({ userId: users.VIEWER.id, workspaceId, documentId: other.documentId, format: "csl-json" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
