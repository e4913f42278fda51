import { expect, test, type Page } from "@playwright/test";
import { cpLength } from "../lib/anchoring/code-points";
import { readCorpusText } from "../prisma/demo";
import { paintedHighlights } from "./fixtures/annotator";
import { createWorkspace, signIn } from "./fixtures/factories";

const COMPILATION = "Khojaly Genocide (Presidential Library compilation)";
const line = (page: Page, start: string) => page.locator(".document-text p").filter({ hasText: new RegExp(`^\\s*${start}`) });

/** The top of the first and last row each line of text is drawn on. */
async function rows(page: Page, start: string) {
  return line(page, start).evaluate((p) => {
    const rects = Array.from(p.getClientRects());
    return { first: Math.round(rects[0].top), last: Math.round(rects[rects.length - 1].top) };
  });
}

/** Selects from `from` in one line to the end of `to` in a later line, as a drag across them would. */
async function selectAcross(page: Page, from: string, to: string) {
  await page.evaluate(
    ({ from, to }) => {
      const root = document.querySelector(".document-text") as HTMLElement;
      const texts = Array.from(root.getElementsByTagName("p")).map((p) => p.firstChild as Text | null);
      const a = texts.find((t) => t?.data?.includes(from)) as Text;
      const b = texts.find((t) => t !== a && t?.data?.includes(to)) as Text;
      root.focus();
      window.getSelection()?.setBaseAndExtent(a, a.data.indexOf(from), b, b.data.indexOf(to) + to.length);
    },
    { from, to },
  );
}

test("Reflow lines shows the compilation as paragraphs; a selection across a joined break annotates exactly its words; a reload keeps the choice", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents.find((d) => d.title === COMPILATION)!;
  const text = readCorpusText(doc.file);
  await signIn(page, workspace.users.REVIEWER);
  await page.goto(`/documents/${doc.id}`);
  const toggle = page.getByRole("checkbox", { name: /^Reflow lines/ });
  await expect(toggle).not.toBeChecked();

  // Hard-wrapped, double-spaced: each line on rows of its own.
  const legal = await rows(page, "The legal definition");
  expect((await rows(page, "Punishment of the Crime")).first).toBeGreaterThan(legal.last);

  const chosen = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/documents/${doc.id}`);
  await toggle.check();
  await chosen;
  // One paragraph: the next line goes on in the row where the last one ends; the list still starts its own rows.
  await expect.poll(async () => (await rows(page, "Punishment of the Crime")).first).toBe((await rows(page, "The legal definition")).last);
  const punishment = await rows(page, "Punishment of the Crime");
  expect((await rows(page, "9, 1948")).first).toBeLessThanOrEqual(punishment.last + 1);
  const destroy = await rows(page, "destroy, in whole");
  expect((await rows(page, "- killing members")).first).toBeGreaterThan(destroy.last);
  expect((await rows(page, "- causing serious")).first).toBeGreaterThan((await rows(page, "- killing members")).last);
  // The heading keeps its own row.
  expect((await rows(page, "The legal definition")).first).toBeGreaterThan((await rows(page, "KHOJALY GENOCIDE AS")).last);

  // Across the joined break: "December" ends one line, "9, 1948" begins the one after the blank line of spacing.
  await selectAcross(page, "December", "9, 1948");
  const start = cpLength(text.slice(0, text.indexOf("December ")));
  const quote = text.slice(text.indexOf("December "), text.indexOf("9, 1948") + "9, 1948".length);
  expect(quote).toBe("December \n\n9, 1948");
  await expect(page.getByRole("region", { name: "Document text" })).toHaveAttribute("data-selection", `${start}-${start + cpLength(quote)}`);
  await page.getByRole("button", { name: "Annotate" }).click();
  const dialog = page.getByRole("dialog", { name: "New annotation" });
  await dialog.getByRole("button", { name: "Save annotation" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await paintedHighlights(page))["pv-unverified"]).toEqual(["December 9, 1948"]);

  const saved = await (await page.request.get(`/api/v1/documents/${doc.id}/annotations`)).json();
  expect(saved.annotations.map((a: { start: number; end: number; exact: string }) => [a.start, a.end, a.exact])).toEqual([[start, start + cpLength(quote), quote]]);

  await page.reload();
  await expect(toggle).toBeChecked();
  // Rendered reflowed by the server, from the first byte: no flash of the lines as stored.
  expect(await (await page.request.get(`/documents/${doc.id}`)).text()).toContain('class="document-text reflowed"');
  // A word hyphenated across a joined break reads as one: "Re-" and "public" with no space between.
  const gap = await page.evaluate(() => {
    const lines = Array.from(document.querySelectorAll(".document-text p"));
    const broken = lines.find((p) => p.textContent!.endsWith("Azerbaijani Re-"))!;
    const next = lines.slice(lines.indexOf(broken) + 1).find((p) => p.textContent!.trim() !== "")!;
    const edge = (node: Node, at: number) => {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return range.getBoundingClientRect();
    };
    const hyphen = edge(broken.firstChild!, broken.textContent!.length - 1);
    const p = edge(next.firstChild!, 0);
    return { sameRow: Math.abs(hyphen.top - p.top) < 2, gap: p.left - hyphen.right };
  });
  expect(gap.sameRow).toBe(true);
  expect(Math.abs(gap.gap)).toBeLessThan(1);
  // The choice is this reader's: another member reads the lines as stored.
  const other = await (await page.context().browser()!.newContext()).newPage();
  await signIn(other, workspace.users.EDITOR);
  await other.goto(`/documents/${doc.id}`);
  await expect(other.getByRole("checkbox", { name: /^Reflow lines/ })).not.toBeChecked();
  await other.close();
  await expect.poll(async () => (await rows(page, "Punishment of the Crime")).first).toBe((await rows(page, "The legal definition")).last);
  await expect.poll(async () => (await paintedHighlights(page))["pv-unverified"]).toEqual(["December 9, 1948"]);

  // Off again: the lines as stored; the choice is the document's.
  const kept = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/documents/${doc.id}`);
  await toggle.uncheck();
  await kept;
  await expect.poll(async () => (await rows(page, "Punishment of the Crime")).first).toBeGreaterThan((await rows(page, "The legal definition")).last);
  await page.reload();
  await expect(toggle).not.toBeChecked();
});

test("arriving by a link inside the app (no page load) shows the same lines, reflowed as chosen, and they still select exactly", async ({ page }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents.find((d) => d.title === COMPILATION)!;
  const text = readCorpusText(doc.file);
  await signIn(page, workspace.users.REVIEWER);
  await page.goto(`/documents/${doc.id}`);
  const chosen = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/documents/${doc.id}`);
  await page.getByRole("checkbox", { name: /^Reflow lines/ }).check();
  await chosen;

  await page.goto("/documents");
  await page.evaluate(() => ((window as unknown as { pvSamePage: boolean }).pvSamePage = true));
  await page.getByRole("link", { name: COMPILATION }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${doc.id}$`));
  // Rendered in the browser this time: the window is the one of the list (no load), the text whole.
  expect(await page.evaluate(() => (window as unknown as { pvSamePage?: boolean }).pvSamePage)).toBe(true);
  await expect(page.getByRole("checkbox", { name: /^Reflow lines/ })).toBeChecked();
  await expect(page.locator(".document-text.reflowed")).toBeVisible();
  expect(await page.locator(".document-text p").count()).toBe(text.split("\n").length);
  await expect.poll(async () => (await rows(page, "Punishment of the Crime")).first).toBe((await rows(page, "The legal definition")).last);

  await selectAcross(page, "December", "9, 1948");
  const start = cpLength(text.slice(0, text.indexOf("December ")));
  const quote = text.slice(text.indexOf("December "), text.indexOf("9, 1948") + "9, 1948".length);
  await expect(page.getByRole("region", { name: "Document text" })).toHaveAttribute("data-selection", `${start}-${start + cpLength(quote)}`);
});
