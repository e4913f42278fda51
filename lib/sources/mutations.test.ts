import { describe, expect, it } from "vitest";
import { testWorkspace } from "@/lib/testing/annotation-fixtures";
import { ZCreateSource, ZUpdateSource } from "./schemas";
import { createSource, updateSource } from "./mutations";
import { getSource, listSources } from "./queries";

describe("sources (real database)", () => {
  it("reviewers create, editors edit against a version; stale edits get 409 with the current source", async () => {
    const { workspaceId, users } = await testWorkspace();
    const input = ZCreateSource.parse({ workspaceId, kind: "BOOK", title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }], issued: "2003" });
    await expect(createSource({ userId: users.VIEWER.id, input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createSource({ userId: users.STRANGER.id, input })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const source = await createSource({ userId: users.REVIEWER.id, input });
    expect(source).toMatchObject({ workspaceId, title: "Black Garden", publisher: "", aliases: [], version: 1 });

    const edit = (userId: string, body: unknown) => updateSource({ userId, sourceId: source.id, input: ZUpdateSource.parse(body) });
    await expect(edit(users.REVIEWER.id, { version: 1, publisher: "NYU Press" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const edited = await edit(users.EDITOR.id, { version: 1, publisher: "NYU Press", aliases: ["Black Garden (2003)"] });
    expect(edited).toMatchObject({ publisher: "NYU Press", aliases: ["Black Garden (2003)"], version: 2 });
    await expect(edit(users.OWNER.id, { version: 1, title: "Black garden" })).rejects.toMatchObject({ code: "CONFLICT", current: edited });
    // Same authors sent again (jsonb reorders keys): nothing changes, no new version.
    expect(await edit(users.EDITOR.id, { version: 2, authors: [{ family: "de Waal", given: "Thomas" }] })).toEqual(edited);

    expect(await listSources({ userId: users.VIEWER.id, workspaceId })).toEqual([edited]);
    await expect(listSources({ userId: users.STRANGER.id, workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSource({ userId: users.STRANGER.id, sourceId: source.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(edit(users.STRANGER.id, { version: 2, title: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
