import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { CAMPAIGN, createAnnotation, createEvidence, createSource } from "./fixtures/annotator";
import { createWorkspace, prisma, signIn } from "./fixtures/factories";

/**
 * The campaign page with annotations in four statuses: a verified figure (evidence with a link,
 * confirmed by the editor), a contradicted claim, a partly verified date and an unverified phrase.
 */
async function campaignWorkspace() {
  const ws = await createWorkspace({ corpus: true, name: "Report desk" });
  const doc = ws.documents.find((d) => d.title === CAMPAIGN)!;
  const memorial = await createSource({ workspaceId: ws.id, userId: ws.users.EDITOR.id, title: "Report on Khojaly", authors: [{ literal: "Memorial Human Rights Centre" }] });
  await prisma().source.update({ where: { id: memorial.id }, data: { kind: "REPORT", issued: "1992" } });
  const dewaal = await createSource({ workspaceId: ws.id, userId: ws.users.EDITOR.id, title: "Black Garden", authors: [{ family: "de Waal", given: "Thomas" }] });
  const by = ws.users.REVIEWER.id;
  const verified = await createAnnotation({ documentId: doc.id, userId: by, needle: "over 7 thousand people", status: "VERIFIED", sourceId: memorial.id, locator: "p. 4" });
  const evidence = await createEvidence({ annotationId: verified.id, userId: by, passage: "about 7,000 inhabitants", sourceId: memorial.id });
  await prisma().evidence.update({ where: { id: evidence.id }, data: { url: "https://memo.example/khojaly#p4" } });
  const at = new Date("2024-03-02T09:30:00Z");
  await prisma().annotation.update({
    where: { id: verified.id },
    data: { verdictById: by, verdictAt: at, signOff: "CONFIRMED", signedOffById: ws.users.EDITOR.id, signedOffAt: at },
  });
  const contradicted = await createAnnotation({ documentId: doc.id, userId: by, needle: "366th regiment", status: "CONTRADICTED", sourceId: dewaal.id, note: "The regiment had left" });
  await createEvidence({ annotationId: contradicted.id, userId: by, passage: "the regiment had withdrawn", stance: "CONTRADICTS", sourceId: dewaal.id });
  const partly = await createAnnotation({ documentId: doc.id, userId: by, needle: "February 25, 1992", status: "PARTLY_VERIFIED", sourceId: memorial.id });
  await createEvidence({ annotationId: partly.id, userId: by, passage: "in the night of 25 to 26 February", sourceId: memorial.id });
  await createAnnotation({ documentId: doc.id, userId: by, needle: "Day of Khojaly genocide", status: "UNVERIFIED" });
  return { ws, doc };
}

const note = (page: Page, n: number) => page.locator(`#note-1-${n}`);

test("a viewer reads the campaign page's report, narrows it by status and downloads it as a PDF", async ({ page }) => {
  const { ws, doc } = await campaignWorkspace();
  await signIn(page, ws.users.VIEWER);
  await page.getByRole("link", { name: CAMPAIGN }).click();
  await page.getByRole("link", { name: "Report", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${doc.id}/report$`));

  // Title block.
  await expect(page.getByRole("heading", { level: 1, name: CAMPAIGN })).toBeVisible();
  const meta = page.locator(".rp-meta");
  await expect(meta).toContainText("Report desk");
  // Everyone who made, changed, gave a verdict on or signed off an annotation, by name.
  await expect(meta).toContainText("editor, reviewer");
  await expect(meta).toContainText("All statuses");

  // Summary: counts by status in words and symbols, sources with their breakdown.
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText("4 annotations");
  for (const line of ["✓ Verified: 1", "◐ Partly verified: 1", "✗ Contradicted: 1", "○ Unverified: 1", "↷ Misattributed: 0"]) await expect(summary).toContainText(line);
  await expect(summary.getByRole("img", { name: /Annotations by status: Unverified 1 \(25%\), Verified 1/ })).toBeVisible();
  await expect(summary.getByRole("row", { name: /Report on Khojaly 2/ })).toContainText("✓ Verified: 1");

  // The text, each span marked and numbered in text order, the numbers linking to their notes.
  const refs = page.locator(".rp-text sup a");
  await expect(refs).toHaveText(["1", "2", "3", "4"]);
  await expect(page.locator(".rp-text mark.status-verified")).toHaveText("over 7 thousand people");
  await expect(page.locator(".rp-text mark.status-contradicted")).toHaveText("366th regiment");
  await page.getByRole("link", { name: "Note 2, Verified" }).click();
  await expect(page).toHaveURL(/#note-1-2$/);

  // The notes: quote, source as a citation, locator, status with its meaning, evidence, who confirmed.
  const verified = note(page, 2);
  await expect(verified).toContainText("“over 7 thousand people”");
  await expect(verified).toContainText("Memorial Human Rights Centre. 1992. “Report on Khojaly.”");
  await expect(verified).toContainText("p. 4");
  await expect(verified).toContainText("✓ Verified");
  await expect(verified).toContainText("The cited source says this.");
  await expect(verified).toContainText("about 7,000 inhabitants");
  await expect(verified.getByRole("link", { name: "Link" })).toHaveAttribute("href", "https://memo.example/khojaly#p4");
  await expect(verified).toContainText("set by reviewer on 2 Mar 2024, 09:30 UTC");
  await expect(verified).toContainText("Signed off by editor on 2 Mar 2024, 09:30 UTC");
  await expect(note(page, 4)).toContainText("Black Garden");
  await expect(note(page, 4)).toContainText("✗ Contradicted");
  await expect(note(page, 4)).toContainText("the regiment had withdrawn");

  // The PDF through the export route: its text has each quote, its source and its status.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "PDF report" }).click();
  const pdf = fs.readFileSync((await (await downloading).path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const words = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8").replace(/\s+/g, " ");
  for (const [quote, source, status] of [
    ["over 7 thousand people", "Report on Khojaly", "✓ Verified"],
    ["366th regiment", "Black Garden", "✗ Contradicted"],
    ["February 25, 1992", "Report on Khojaly", "◐ Partly verified"],
    ["Day of Khojaly genocide", "None recorded", "○ Unverified"],
  ]) {
    expect(words).toMatch(new RegExp(`“${quote}” ↩ text ${status} — .{0,120}?Claimed source: .{0,80}?${source}`));
  }
  expect(words).toContain("Signed off by editor");

  // Only contradicted claims: the form narrows the report and the downloads follow.
  const statuses = page.getByRole("group", { name: "Statuses" });
  for (const label of ["Unverified", "In progress", "Verified", "Partly verified", "Misattributed", "Source not found"]) {
    await statuses.getByRole("checkbox", { name: label, exact: true }).uncheck();
  }
  await page.getByRole("button", { name: "Update report" }).click();
  await expect(page).toHaveURL(/statuses=CONTRADICTED/);
  await expect(page.locator(".rp-meta")).toContainText("Contradicted");
  await expect(summary).toContainText("1 annotation");
  await expect(refs).toHaveText(["1"]);
  await expect(page.locator(".rp-note")).toHaveCount(1);
  await expect(note(page, 1)).toContainText("366th regiment");
  await expect(page.getByRole("link", { name: "PDF report" })).toHaveAttribute("href", `/api/v1/documents/${doc.id}/export?format=pdf&statuses=CONTRADICTED&text=1&comments=0`);
});

test("the workspace report covers the ticked documents; another workspace's report is not found", async ({ page }) => {
  const { ws } = await campaignWorkspace();
  const other = await createWorkspace({ name: "Other desk" });
  await signIn(page, ws.users.VIEWER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Report desk" })).toBeVisible();
  // All five corpus documents by default, one section each.
  await expect(page.locator(".rp-document")).toHaveCount(5);

  const documents = page.getByRole("group", { name: "Documents" });
  for (const box of await documents.getByRole("checkbox").all()) await box.uncheck();
  await documents.getByRole("checkbox", { name: CAMPAIGN }).check();
  await page.getByRole("button", { name: "Update report" }).click();
  await expect(page.locator(".rp-document")).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("4 annotations");
  await expect(page.getByRole("region", { name: "Export" })).toBeVisible();

  const response = await page.goto(`/reports?workspace=${other.id}`);
  expect(response?.status()).toBe(404);
});

test("the hard-wrapped compilation's PDF report reads as reflowed prose: about half the 107 pages it had line by line", async ({ page }) => {
  const ws = await createWorkspace({ corpus: true });
  const compilation = ws.documents.find((d) => d.file.startsWith("003_"))!;
  await signIn(page, ws.users.VIEWER);
  const response = await page.request.get(`/api/v1/documents/${compilation.id}/export?format=pdf&text=1`);
  expect(response.status()).toBe(200);
  const pdf = await response.body();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", ["-"], { input: pdf }).toString("utf8"))![1]);
  expect(pages).toBeLessThanOrEqual(70);
  expect(pages).toBeGreaterThan(30);
});

test("the compilation's HTML report is reflowed the same way: its wrapped lines joined, the canonical words kept", async ({ page }) => {
  const ws = await createWorkspace({ corpus: true });
  const compilation = ws.documents.find((d) => d.file.startsWith("003_"))!;
  await signIn(page, ws.users.VIEWER);
  const html = await (await page.request.get(`/api/v1/documents/${compilation.id}/export?format=html&text=1`)).text();
  expect(html).toContain('class="rp-text rp-reflowed"');
  // "December" ends one hard-wrapped line and "9, 1948" starts the next after a blank line: one run of prose now.
  expect(html).toMatch(/December\s+9, 1948/);
  expect(html).not.toMatch(/December \n\n9, 1948/);
});
