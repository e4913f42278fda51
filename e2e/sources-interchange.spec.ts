import { expect, test } from "@playwright/test";
import { cslSchemaErrors } from "../lib/testing/csl-schema";
import { apiSignIn, createWorkspace, prisma, signIn } from "./fixtures/factories";

const BIB = String.raw`
@book{dewaal2003,
  author = {de Waal, Thomas}, title = {Black Garden: Armenia and Azerbaijan through Peace and War},
  publisher = {NYU Press}, address = {New York}, year = {2003}, isbn = {978-0-8147-1945-9}
}
@techreport{memorial1992,
  author = {{Memorial Human Rights Centre}}, title = {Report on Massive Human Rights Violations in Khojaly},
  institution = {Memorial}, year = {1992}
}
@article{newsweek1992,
  title = {Massacre in the Caucasus}, journal = {Newsweek}, date = {1992-03-16}, doi = {10.1000/NEWSWEEK.1992.0316}
}
`;

test("import a BibTeX file with a DOI duplicate, then export and re-import with no changes", async ({ page, request }) => {
  const ws = await createWorkspace({ name: "Khojaly corpus" });
  await apiSignIn(request, ws.users.REVIEWER);
  const existing = await request.post("/api/v1/sources", {
    data: { workspaceId: ws.id, kind: "NEWS_ARTICLE", title: "Newsweek, 16 March 1992", doi: "https://doi.org/10.1000/newsweek.1992.0316" },
  });
  expect(existing.status()).toBe(201);
  const existingId = (await existing.json()).id;

  await signIn(page, ws.users.REVIEWER);
  await page.goto(`/sources/import?workspace=${ws.id}`);
  await page.getByLabel("File (.bib or .json, at most 5 MB)").setInputFiles({ name: "library.bib", mimeType: "application/x-bibtex", buffer: Buffer.from(BIB) });
  await page.getByRole("button", { name: "Preview" }).click();

  await expect(page.getByRole("heading", { name: "Preview: 2 new, 1 match" })).toBeFocused();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText("de Waal, Thomas");
  await expect(rows.nth(1)).toContainText("New");
  await expect(rows.nth(2)).toContainText("Memorial Human Rights Centre");
  await expect(rows.nth(3)).toContainText("Matches “Newsweek, 16 March 1992” (by DOI)");
  await expect(rows.nth(3).getByRole("link", { name: "“Newsweek, 16 March 1992”" })).toHaveAttribute("href", `/sources/${existingId}`);

  await page.getByRole("button", { name: "Import 2 new sources" }).click();
  await expect(page.getByRole("heading", { name: "Imported 2 new sources" })).toBeVisible();
  await expect(page.getByRole("link", { name: "de Waal · 2003 · Black Garden" })).toBeVisible();
  await expect(page.getByText("1 entry matched a source you already have")).toBeVisible();
  expect(await prisma().source.count({ where: { workspaceId: ws.id } })).toBe(3);

  const csl = await request.get(`/api/v1/sources/export?workspaceId=${ws.id}&format=csl`);
  expect(csl.status()).toBe(200);
  expect(csl.headers()["content-type"]).toBe("application/vnd.citationstyles.csl+json");
  expect(csl.headers()["content-disposition"]).toBe('attachment; filename="khojaly-corpus-sources.json"');
  const items = await csl.json();
  expect(items).toHaveLength(3);
  expect(cslSchemaErrors(items)).toEqual([]);

  const reimport = await request.post("/api/v1/sources/import", { data: { workspaceId: ws.id, format: "csl-json", content: await csl.text(), dryRun: true } });
  expect(reimport.status()).toBe(200);
  const preview = await reimport.json();
  expect(preview.problems).toEqual([]);
  expect(preview.items).toHaveLength(3);
  expect(preview.items.filter((i: { match: unknown }) => i.match === null)).toEqual([]);

  const bib = await request.get(`/api/v1/sources/export?workspaceId=${ws.id}&format=bibtex`);
  expect(bib.status()).toBe(200);
  expect(bib.headers()["content-type"]).toBe("application/x-bibtex; charset=utf-8");
  expect(bib.headers()["content-disposition"]).toBe('attachment; filename="khojaly-corpus-sources.bib"');
  expect(await bib.text()).toContain("@book{dewaal2003black,");
});

test("import API: roles, limits and parse errors", async ({ request }) => {
  const ws = await createWorkspace();
  const body = { workspaceId: ws.id, format: "bibtex", content: BIB };
  await apiSignIn(request, ws.users.VIEWER);
  expect((await request.post("/api/v1/sources/import", { data: body })).status()).toBe(403);
  expect((await request.get(`/api/v1/sources/export?workspaceId=${ws.id}&format=csl`)).status()).toBe(200);

  await apiSignIn(request, ws.users.EDITOR);
  const created = await request.post("/api/v1/sources/import", { data: body });
  expect(created.status()).toBe(201);
  expect((await created.json()).created).toHaveLength(3);

  const broken = await request.post("/api/v1/sources/import", { data: { ...body, content: "@book{x, title={" } });
  expect(broken.status()).toBe(422);
  expect((await broken.json()).error).toMatchObject({ code: "VALIDATION", message: expect.stringContaining("BibTeX") });
  const big = await request.post("/api/v1/sources/import", { data: { ...body, content: "%".repeat(5 * 1024 * 1024 + 1) } });
  expect(big.status()).toBe(413);
  const badFormat = await request.get(`/api/v1/sources/export?workspaceId=${ws.id}&format=ris`);
  expect(badFormat.status()).toBe(422);

  const other = await createWorkspace();
  expect((await request.post("/api/v1/sources/import", { data: { ...body, workspaceId: other.id } })).status()).toBe(404);
  expect((await request.get(`/api/v1/sources/export?workspaceId=${other.id}&format=csl`)).status()).toBe(404);
});
