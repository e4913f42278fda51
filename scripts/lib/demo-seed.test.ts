import { describe, expect, it } from "vitest";
import { cpSlice } from "@/lib/anchoring/code-points";
import { db } from "@/lib/db";
import { locateAttributions } from "../../prisma/demo-annotations";
import { DEMO_ATTRIBUTIONS, DEMO_SOURCES } from "../../prisma/demo-attributions";
import { CORPUS, DEMO_WORKSPACE, readCorpusText, seedDemo } from "../../prisma/demo";

describe("the demo's attributions", () => {
  it("finds every seeded quote exactly once, in the corpus text it was taken from", () => {
    expect(DEMO_ATTRIBUTIONS.length).toBeGreaterThanOrEqual(30);
    for (const { file } of CORPUS) {
      const text = readCorpusText(file);
      for (const a of DEMO_ATTRIBUTIONS.filter((x) => x.file === file)) {
        const first = text.indexOf(a.quote);
        expect(first, `“${a.quote.slice(0, 50)}” in ${file}`).toBeGreaterThanOrEqual(0);
        expect(text.indexOf(a.quote, first + 1), `“${a.quote.slice(0, 50)}” only once in ${file}`).toBe(-1);
      }
      for (const a of locateAttributions(file, text)) expect(cpSlice(text, a.start, a.end)).toBe(a.quote);
    }
    expect(new Set(DEMO_ATTRIBUTIONS.map((a) => a.file)).size).toBe(CORPUS.length);
  });

  it("refuses a quote that is not in the text, rather than guessing a place", () => {
    expect(() => locateAttributions(CORPUS[0].file, "Some other text.")).toThrow(/not found/);
  });

  it("registers each claimed source once, and uses every source it registers", () => {
    const titles = Object.values(DEMO_SOURCES).map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(new Set(DEMO_ATTRIBUTIONS.map((a) => a.source))).toEqual(new Set(Object.keys(DEMO_SOURCES)));
  });

  it("seeds them Unverified with their sources and CREATED events, and adds nothing when run again (real database)", async () => {
    const first = await seedDemo(db());
    const again = await seedDemo(db());
    expect(again).toMatchObject({ createdUsers: 0, createdDocuments: 0, createdSources: 0, createdAnnotations: 0 });
    const workspaceId = first.workspaceId;
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } })).name).toBe(DEMO_WORKSPACE);

    const annotations = await db().annotation.findMany({
      where: { workspaceId },
      select: { id: true, status: true, verdictById: true, signOff: true, exact: true, start: true, end: true, attributionText: true, source: { select: { title: true } }, document: { select: { text: true } } },
    });
    expect(annotations).toHaveLength(DEMO_ATTRIBUTIONS.length);
    for (const a of annotations) {
      expect(a).toMatchObject({ status: "UNVERIFIED", verdictById: null, signOff: "NONE" });
      expect(cpSlice(a.document.text, a.start, a.end)).toBe(a.exact);
      expect(a.source).not.toBeNull();
    }
    const sundayTimes = annotations.find((a) => a.exact.startsWith("The Sunday Times\u00a0reported"));
    expect(sundayTimes).toMatchObject({ attributionText: "The Sunday Times reported", source: { title: DEMO_SOURCES["sunday-times"].title } });

    const events = await db().annotationEvent.findMany({ where: { workspaceId }, select: { annotationId: true, type: true, version: true, before: true, after: true } });
    expect(events).toHaveLength(annotations.length);
    expect(new Set(events.map((e) => e.annotationId))).toEqual(new Set(annotations.map((a) => a.id)));
    for (const e of events) expect(e).toMatchObject({ type: "CREATED", version: 1, before: null, after: { status: "UNVERIFIED", deletedAt: null } });

    const sources = await db().source.findMany({ where: { workspaceId }, select: { title: true, kind: true, aliases: true, containerTitle: true } });
    expect(sources).toHaveLength(Object.keys(DEMO_SOURCES).length);
    expect(sources.find((s) => s.containerTitle === "Le Monde")).toMatchObject({ kind: "NEWS_ARTICLE", aliases: ["Le Mond"] });
    expect(sources.find((s) => s.title === DEMO_SOURCES.memorial.title)?.aliases).toContain("Memorial Human Rights Watch Center");
  });
});
