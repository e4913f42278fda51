import { expect, test } from "@playwright/test";
import { CAMPAIGN, item, sidebar } from "./fixtures/annotator";
import { signIn } from "./fixtures/factories";
import { DEMO_PASSWORD } from "../prisma/demo";
import { DEMO_ATTRIBUTIONS } from "../prisma/demo-attributions";

const REVIEWER = { email: "reviewer@example.com", password: DEMO_PASSWORD };
const SUNDAY_TIMES = "The Sunday Times · 1 March 1992 · Armenian Soldiers Massacre Hundreds of Fleeing Families";

test("the demo opens on the texts' own attributions, each Unverified and tagged with the source it claims", async ({ page }) => {
  await signIn(page, REVIEWER);
  await page.getByRole("link", { name: CAMPAIGN }).click();
  const campaign = DEMO_ATTRIBUTIONS.filter((a) => a.file.startsWith("000_"));
  await expect(sidebar(page).locator(".annotation-item")).toHaveCount(campaign.length);
  const sundayTimes = item(page, "The Sunday Times");
  await expect(sundayTimes).toContainText(SUNDAY_TIMES);
  await expect(sundayTimes).toContainText("Unverified");
  await expect(item(page, "Le Mond")).toContainText("Le Monde · Untitled report on Khojaly (Le Monde)");
  await expect(item(page, "Before Khojaly")).toContainText("de Waal · 2003 · Black Garden, pp. 169-172");
  // No verdicts: every entry is Unverified.
  await expect(sidebar(page).locator(".annotation-item").filter({ hasText: "Unverified" })).toHaveCount(campaign.length);
});

test("the demo's queue and sources list name each source as people cite it, aliases included", async ({ page }) => {
  await signIn(page, REVIEWER);
  await page.goto("/queue");
  await page.getByRole("link", { name: `Unassigned and unverified (${DEMO_ATTRIBUTIONS.length})` }).click();
  await expect(page.locator(".queue-table tbody tr").filter({ hasText: "The Sunday Times" }).first()).toContainText(SUNDAY_TIMES);

  await page.goto("/sources");
  const leMonde = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Le Monde · Untitled report on Khojaly (Le Monde)" }) });
  await expect(leMonde).toContainText("also cited as Le Mond");
  await expect(page.getByRole("link", { name: "UN Security Council · Resolution 822 (1993)" })).toBeVisible();
});
