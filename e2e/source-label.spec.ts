import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { CAMPAIGN, createAnnotation, createEvidence, createSource, item, openCampaign, sidebar } from "./fixtures/annotator";
import { apiSignIn, createWorkspace } from "./fixtures/factories";

/** Issue 19: a news article's source is named by its outlet, date and title everywhere, by one function (lib/sources/label.ts). */
const HEADLINE = "Armenian Soldiers Massacre Hundreds of Fleeing Families";
const LABEL = `The Sunday Times · 1 March 1992 · ${HEADLINE}`;
/** Where a list shortens the label to fit (a select, a table cell), it still begins with the outlet and date. */
const SHORTENED = /^The Sunday Times · 1 March/;

test("an article's outlet shows in the sidebar's source filter, the attribution chain, the dashboard, the history and the source's second-hand citations", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const campaign = workspace.documents.find((d) => d.title === CAMPAIGN)!;
  const userId = workspace.users.EDITOR.id;
  const times = await createSource({ workspaceId: workspace.id, userId, kind: "NEWS_ARTICLE", title: HEADLINE, containerTitle: "The Sunday Times", issued: "1992-03-01" });
  const booklet = await createSource({ workspaceId: workspace.id, userId, title: "Khojaly Tragedy (booklet)" });
  const cited = await createAnnotation({ documentId: campaign.id, userId, needle: "ASALA", sourceId: times.id });
  const chained = await createAnnotation({ documentId: campaign.id, userId, needle: "Seyran Oghanyan", sourceId: booklet.id });
  await apiSignIn(page.request, workspace.users.EDITOR);
  const put = await page.request.put(`/api/v1/annotations/${chained.id}/chain`, { data: { version: 1, hops: [{ sourceId: times.id, locator: "p. 1" }] } });
  expect(put.status()).toBe(200);
  expect(await put.json()).toMatchObject({ chain: [{ sourceId: times.id, title: HEADLINE, label: LABEL }] });
  expect((await page.request.patch(`/api/v1/annotations/${cited.id}`, { data: { version: 1, sourceId: booklet.id } })).status()).toBe(200);
  expect((await page.request.patch(`/api/v1/annotations/${cited.id}`, { data: { version: 2, sourceId: times.id } })).status()).toBe(200);
  await page.context().clearCookies();

  await openCampaign(page, workspace, "REVIEWER");
  // The sidebar's source filter.
  const filter = page.getByLabel("Filter by source");
  await expect(filter.getByRole("option", { name: SHORTENED })).toHaveCount(1);
  await filter.selectOption(times.id);
  await expect(item(page, "ASALA")).toBeVisible();
  await expect(item(page, "Seyran Oghanyan")).toHaveCount(0);
  await filter.selectOption({ label: "All sources" });
  // The attribution chain's hop.
  await expect(item(page, "Seyran Oghanyan").getByRole("list", { name: "Attribution chain" }).getByRole("listitem")).toHaveText(["This document", `→ quoting ${LABEL}, p. 1`]);
  // The history names the source it moved between by the same label.
  await item(page, "ASALA").locator(":scope > .item-button").click();
  await sidebar(page).getByRole("button", { name: /^History/ }).click();
  await expect(sidebar(page).getByRole("list", { name: "Events, oldest first" })).toContainText(`Source: from Khojaly Tragedy (booklet) to ${LABEL}`);

  // The dashboard's sources table.
  await page.goto(`/dashboard?workspace=${workspace.id}`);
  await expect(page.locator("#dash-sources").locator("..").getByRole("link", { name: LABEL, exact: true })).toBeVisible();

  // The article's own page says how it is shown, and lists the annotation that reaches it through a chain.
  await page.goto(`/sources/${times.id}`);
  await expect(page.getByText(`Shown everywhere as: ${LABEL}`)).toBeVisible();
  const secondHand = page.getByRole("region", { name: "Cited second-hand" });
  await expect(secondHand).toContainText("Claims: Khojaly Tragedy (booklet)");
  await expect(secondHand.locator("strong")).toHaveText(LABEL);
});

test("an imported article is listed by its outlet in the import's results, and an annotation import's preview names the matched source the same way", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const campaign = workspace.documents.find((d) => d.title === CAMPAIGN)!;
  await openCampaign(page, workspace, "EDITOR");

  // Sources import (CSL-JSON): the new source's link reads as the label.
  const csl = [{ id: "st", type: "article-newspaper", title: HEADLINE, "container-title": "The Sunday Times", issued: { "date-parts": [[1992, 3, 1]] } }];
  await page.goto(`/sources/import?workspace=${workspace.id}`);
  await page.getByLabel("File (.bib or .json, at most 5 MB)").setInputFiles({ name: "library.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(csl)) });
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Import 1 new source" }).click();
  await expect(page.getByRole("heading", { name: "Imported 1 new source" })).toBeVisible();
  await expect(page.getByRole("link", { name: LABEL })).toBeVisible();

  // An annotation import whose item names the article by its headline: the preview shows the label of the source it matched.
  const w3c = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "AnnotationCollection",
    total: 1,
    first: {
      type: "AnnotationPage",
      items: [
        {
          type: "Annotation",
          body: [{ type: "TextualBody", purpose: "tagging", value: HEADLINE, format: "text/plain" }],
          target: { source: `https://provenant.example/documents/${campaign.id}`, selector: [{ type: "TextQuoteSelector", exact: "ASALA" }] },
        },
      ],
    },
  };
  await page.goto(`/documents/${campaign.id}/import`);
  await page.getByLabel("File (.json or .jsonld, at most 5 MB)").setInputFiles({ name: "one.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(JSON.stringify(w3c)) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: /^Preview:/ })).toBeFocused();
  await expect(page.getByRole("link", { name: SHORTENED })).toBeVisible();
});

test("the evidence entry names its source by outlet, and the CSV and JSON downloads carry the outlet and the attribution wording as their own fields", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const campaign = workspace.documents.find((d) => d.title === CAMPAIGN)!;
  const userId = workspace.users.REVIEWER.id;
  const times = await createSource({ workspaceId: workspace.id, userId, kind: "NEWS_ARTICLE", title: HEADLINE, containerTitle: "The Sunday Times", issued: "1992-03-01" });
  const a = await createAnnotation({ documentId: campaign.id, userId, needle: "ASALA", sourceId: times.id });
  await createEvidence({ annotationId: a.id, userId, passage: "Hundreds of fleeing families", sourceId: times.id });
  await apiSignIn(page.request, workspace.users.REVIEWER);
  const { version } = await (await page.request.get(`/api/v1/annotations/${a.id}`)).json();
  expect((await page.request.patch(`/api/v1/annotations/${a.id}`, { data: { version, attributionText: "the Sunday Times reported" } })).status()).toBe(200);

  const csv = await (await page.request.get(`/api/v1/documents/${campaign.id}/export?format=csv`)).text();
  const [row] = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  expect(row).toMatchObject({ Source: LABEL, "Source outlet": "The Sunday Times", "Attribution in the text": "the Sunday Times reported" });
  const json = await (await page.request.get(`/api/v1/documents/${campaign.id}/export?format=json`)).json();
  expect(json.documents[0].annotations[0]).toMatchObject({ sourceLabel: LABEL, sourceOutlet: "The Sunday Times", attributionText: "the Sunday Times reported" });
  await page.context().clearCookies();

  await openCampaign(page, workspace, "REVIEWER");
  await item(page, "ASALA").locator(":scope > .item-button").click();
  await expect(sidebar(page).getByRole("region", { name: "Evidence" })).toContainText(LABEL);
});
