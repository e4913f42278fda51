import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { CAMPAIGN, createAnnotation, createEvidence, createSource, item, paintedHighlights, selectText, sidebar } from "./fixtures/annotator";
import { apiSignIn, createWorkspace, signIn, type TUser } from "./fixtures/factories";

/** Four annotations in four statuses; the last one's quote is edited away in the second copy. */
const QUOTES = {
  verified: "613 civilians were killed including 106 women, 83 children",
  misattributed: "Many were killed at close range while trying to flee",
  notFound: "Armenian Soldiers Massacre Hundreds of Fleeing Families",
  inProgress: "it was inhabited by over 7 thousand people",
};
const EDITED = "it had a population of several thousand";

async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, user: TUser) {
  const context = await playwright.request.newContext({ baseURL });
  await apiSignIn(context, user);
  return context;
}

type TApiAnnotation = { id: string; start: number; end: number; exact: string; status: string; source: { id: string } | null; note: string; orphaned: boolean; evidenceCount: number };

async function annotationsOf(api: APIRequestContext, documentId: string): Promise<TApiAnnotation[]> {
  const response = await api.get(`/api/v1/documents/${documentId}/annotations`);
  expect(response.status()).toBe(200);
  return (await response.json()).annotations;
}

const comparable = (list: TApiAnnotation[]) => list.map((a) => ({ start: a.start, end: a.end, exact: a.exact, status: a.status, sourceId: a.source?.id ?? null, note: a.note }));

test("a W3C export imported into a copy gives the same spans, sources and statuses; a quote edited away fails, is kept orphaned and placed by hand", async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  const ws = await createWorkspace({ corpus: true });
  const campaign = ws.documents.find((d) => d.title === CAMPAIGN)!;
  const reviewer = ws.users.REVIEWER.id;
  const memorial = await createSource({ workspaceId: ws.id, userId: reviewer, title: "Memorial Human Rights Centre report on Khojaly" });
  const newsweek = await createSource({ workspaceId: ws.id, userId: reviewer, title: "Massacre in the Caucasus (Newsweek)" });
  const times = await createSource({ workspaceId: ws.id, userId: reviewer, title: "The Sunday Times, 1 March 1992" });
  const verified = await createAnnotation({ documentId: campaign.id, userId: reviewer, needle: QUOTES.verified, status: "VERIFIED", sourceId: memorial.id, locator: "p. 4" });
  await createEvidence({ annotationId: verified.id, userId: reviewer, passage: "613 persons were killed", sourceId: memorial.id });
  const misattributed = await createAnnotation({ documentId: campaign.id, userId: reviewer, needle: QUOTES.misattributed, status: "MISATTRIBUTED", sourceId: newsweek.id });
  await createEvidence({ annotationId: misattributed.id, userId: reviewer, passage: "The quote is from a Time magazine report", stance: "CONTRADICTS" });
  await createAnnotation({ documentId: campaign.id, userId: reviewer, needle: QUOTES.notFound, status: "SOURCE_NOT_FOUND", sourceId: times.id });
  await createAnnotation({ documentId: campaign.id, userId: reviewer, needle: QUOTES.inProgress, status: "IN_PROGRESS", note: "Census figure?" });

  // The W3C export, and two copies of the document made through the API: one as it is, one with a quote edited away.
  const editor = await signedIn(playwright, baseURL, ws.users.EDITOR);
  const exported = await editor.get(`/api/v1/documents/${campaign.id}/export?format=w3c`);
  expect(exported.status()).toBe(200);
  const w3c = await exported.text();
  expect(JSON.parse(w3c)).toMatchObject({ type: "AnnotationCollection", total: 4 });
  const { text } = await (await editor.get(`/api/v1/documents/${campaign.id}`)).json();
  const copy = await (await editor.post("/api/v1/documents", { data: { workspaceId: ws.id, title: `${CAMPAIGN} (copy)`, text } })).json();
  expect(text).toContain(QUOTES.inProgress);
  const edited = await (await editor.post("/api/v1/documents", { data: { workspaceId: ws.id, title: `${CAMPAIGN} (edited)`, text: text.replace(QUOTES.inProgress, EDITED) } })).json();

  // Into the identical copy through the API: a preview, then the import; the same spans, sources and statuses.
  await apiSignIn(request, ws.users.REVIEWER);
  const importUrl = `/api/v1/documents/${copy.id}/annotations/import`;
  const dryRun = await request.post(importUrl, { data: { format: "w3c", content: w3c, dryRun: true } });
  expect(dryRun.status()).toBe(200);
  expect((await dryRun.json()).counts).toEqual({ anchored: 4, moved: 0, failed: 0 });
  const imported = await request.post(importUrl, { data: { format: "w3c", content: w3c } });
  expect(imported.status()).toBe(201);
  expect(await imported.json()).toMatchObject({ created: 4, orphaned: 0, failed: 0, sourcesCreated: 0 });
  const original = await annotationsOf(request, campaign.id);
  const copied = await annotationsOf(request, copy.id);
  expect(comparable(copied)).toEqual(comparable(original));
  expect(new Set(copied.map((a) => a.status))).toEqual(new Set(["VERIFIED", "MISATTRIBUTED", "SOURCE_NOT_FOUND", "IN_PROGRESS"]));
  // The verdicts keep their evidence, so they keep their status.
  expect(copied.find((a) => a.exact === QUOTES.verified)?.evidenceCount).toBe(1);

  // A viewer may not import; a file that is not JSON is a 400, one of no known shape a 422.
  const viewer = await signedIn(playwright, baseURL, ws.users.VIEWER);
  expect((await viewer.post(importUrl, { data: { format: "w3c", content: w3c, dryRun: true } })).status()).toBe(403);
  const broken = await request.post(importUrl, { data: { format: "w3c", content: "{ not json" } });
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error.fields.content).toContain("not valid JSON");
  expect((await request.post(importUrl, { data: { format: "hypothesis", content: '{"hello":1}' } })).status()).toBe(422);

  // Into the edited copy through the import page: the edited-away quote fails, and is kept as an orphan.
  await signIn(page, ws.users.REVIEWER);
  await page.goto(`/documents/${edited.id}`);
  await page.getByRole("link", { name: "Import annotations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import annotations" })).toBeVisible();
  await page.getByLabel("File (.json or .jsonld, at most 5 MB)").setInputFiles({ name: "campaign.w3c.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(w3c) });
  await page.getByRole("button", { name: "Preview" }).click();
  // The edit shortened the text before the other quotes: they are found by their quotes, a little earlier.
  await expect(page.getByRole("heading", { name: "Preview: 0 anchored, 3 moved, 1 failed" })).toBeFocused();
  const failed = page.getByRole("table", { name: /^Failed \(1\)/ });
  await expect(failed.getByRole("row")).toHaveCount(2);
  await expect(failed.getByRole("row").nth(1)).toContainText(QUOTES.inProgress);
  await expect(failed.getByRole("row").nth(1)).toContainText("The quote is not in the text");
  const moved = page.getByRole("table", { name: /^Moved \(3\)/ });
  const memorialRow = moved.getByRole("row").filter({ hasText: QUOTES.verified });
  await expect(memorialRow).toContainText("Memorial Human Rights Centre report on Khojaly");
  await expect(memorialRow).toContainText("100%");
  await expect(memorialRow).toContainText("Verified");
  await expect(memorialRow).toContainText("1 evidence item copied");
  const old = original.find((a) => a.exact === QUOTES.verified)!;
  const shift = QUOTES.inProgress.length - EDITED.length;
  await expect(memorialRow).toContainText(`${old.start}–${old.end} → ${old.start - shift}–${old.end - shift}`);
  await expect(page.getByText("Anchored (0): none.")).toBeVisible();
  await expect(page.getByLabel("Keep failed ones as orphaned annotations to place by hand")).toBeChecked();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Imported 4 annotations" })).toBeFocused();
  await expect(page.getByText("3 annotations placed in the text")).toBeVisible();
  await expect(page.getByText("1 annotation kept as orphaned")).toBeVisible();

  await page.getByRole("link", { name: "Back to the document" }).click();
  await expect(page.locator(".document-text")).toBeVisible();
  const orphans = sidebar(page).getByRole("region", { name: "Not placed in the text (1)" });
  await expect(orphans).toBeVisible();
  await expect(orphans).toContainText(QUOTES.inProgress);
  await expect(orphans).toContainText("In progress");
  // Not painted: three highlights for the three placed annotations.
  const painted = async () => Object.entries(await paintedHighlights(page)).flatMap(([name, ranges]) => (name === "pv-selected" ? [] : ranges));
  await expect.poll(painted).toHaveLength(3);
  const place = orphans.getByRole("button", { name: "Place at selection" });
  await expect(place).toBeDisabled();

  await selectText(page, EDITED);
  await place.click();
  await expect(sidebar(page).getByRole("region", { name: /Not placed in the text/ })).toHaveCount(0);
  await expect(item(page, EDITED)).toBeVisible();
  await expect.poll(painted).toContain(EDITED);
  const placed = (await annotationsOf(request, edited.id)).find((a) => a.exact === EDITED);
  expect(placed).toMatchObject({ orphaned: false, status: "IN_PROGRESS", note: "Census figure?" });
  const history = await (await request.get(`/api/v1/annotations/${placed?.id}/events`)).json();
  expect(history.events.map((e: { type: string }) => e.type)).toEqual(["CREATED", "UPDATED"]);
  expect(history.events[1].after).toMatchObject({ exact: EDITED, orphaned: false });
});
