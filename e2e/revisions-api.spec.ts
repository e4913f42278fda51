import { expect, test } from "@playwright/test";
import { readCorpusText } from "../prisma/demo";
import { createAnnotation } from "./fixtures/annotator";
import { apiSignIn, createWorkspace } from "./fixtures/factories";

const COMPILATION = "Khojaly Genocide (Presidential Library compilation)";

test("the API saves a revision of the compilation (an OCR fix), carries the annotations over, lists, reads and diffs revisions, and refuses a stale or empty-handed save", async ({ request }) => {
  const workspace = await createWorkspace({ corpus: true });
  const doc = workspace.documents.find((d) => d.title === COMPILATION)!;
  const text = readCorpusText(doc.file);
  const lookAlike = text.match(/\S*[а-яА-Я]\S*/)![0]; // a word with Cyrillic look-alike letters, as the OCR left it
  const fixed = lookAlike.replace(/[а-яА-Я]/g, (c) => ({ а: "a", е: "e", о: "o", р: "p", с: "c", у: "y", х: "x", А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", Х: "X" })[c] ?? c);
  const over = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: lookAlike });
  const elsewhere = await createAnnotation({ documentId: doc.id, userId: workspace.users.REVIEWER.id, needle: "Memorial" });
  await apiSignIn(request, workspace.users.EDITOR);

  const missingReason = await request.post(`/api/v1/documents/${doc.id}/revisions`, { data: { baseRevision: 1, text: text.replace(lookAlike, fixed), reason: " " } });
  expect(missingReason.status()).toBe(422);
  expect((await missingReason.json()).error.fields).toHaveProperty("reason");

  const saved = await request.post(`/api/v1/documents/${doc.id}/revisions`, { data: { baseRevision: 1, text: text.replace(lookAlike, fixed), reason: "OCR: Cyrillic look-alike letters" } });
  expect(saved.status()).toBe(201);
  const body = await saved.json();
  expect(body.revision).toMatchObject({ number: 2, reason: "OCR: Cyrillic look-alike letters", createdBy: { id: workspace.users.EDITOR.id } });
  expect(body.counts.changed).toBe(1);

  const annotations = (await (await request.get(`/api/v1/documents/${doc.id}/annotations`)).json()).annotations;
  const byId = new Map(annotations.map((a: { id: string }) => [a.id, a]));
  expect(byId.get(over.id)).toMatchObject({ documentRevision: 2, needsRecheck: true, exact: expect.stringContaining(fixed) });
  expect(byId.get(elsewhere.id)).toMatchObject({ needsRecheck: false, exact: "Memorial", anchorSimilarity: null });
  const flagged = (await (await request.get(`/api/v1/documents/${doc.id}/annotations?needsRecheck=true`)).json()).annotations;
  expect(flagged.map((a: { id: string }) => a.id)).toEqual([over.id]);
  expect((await request.get(`/api/v1/documents/${doc.id}/annotations?needsRecheck=maybe`)).status()).toBe(422);

  // A reviewer's "Checked again" clears the flag, once.
  const version = (byId.get(over.id) as { version: number }).version;
  await apiSignIn(request, workspace.users.REVIEWER);
  const rechecked = await request.post(`/api/v1/annotations/${over.id}/recheck`, { data: { version } });
  expect(rechecked.status()).toBe(200);
  expect(await rechecked.json()).toMatchObject({ needsRecheck: false, version: version + 1 });
  expect((await request.post(`/api/v1/annotations/${over.id}/recheck`, { data: { version: version + 1 } })).status()).toBe(409);
  await apiSignIn(request, workspace.users.EDITOR);

  const stale = await request.post(`/api/v1/documents/${doc.id}/revisions`, { data: { baseRevision: 1, text: `${text} Another edit.`, reason: "late" } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.current).toMatchObject({ revision: 2 });

  const list = (await (await request.get(`/api/v1/documents/${doc.id}/revisions`)).json()).revisions;
  expect(list.map((r: { number: number }) => r.number)).toEqual([2, 1]);
  const first = await (await request.get(`/api/v1/documents/${doc.id}/revisions/1`)).json();
  expect(first.text).toBe(text);
  expect((await request.get(`/api/v1/documents/${doc.id}/revisions/9`)).status()).toBe(404);
  const diff = await (await request.get(`/api/v1/documents/${doc.id}/diff?from=1&to=2`)).json();
  expect(diff.parts.filter((p: { kind: string }) => p.kind !== "same").map((p: { kind: string; text: string }) => `${p.kind}:${p.text}`)).toEqual([`removed:${lookAlike}`, `added:${fixed}`]);
  expect((await request.get(`/api/v1/documents/${doc.id}/diff?from=1`)).status()).toBe(422);

  await apiSignIn(request, workspace.users.REVIEWER);
  expect((await request.post(`/api/v1/documents/${doc.id}/revisions`, { data: { baseRevision: 2, text: `${text} x`, reason: "not mine" } })).status()).toBe(403);
});
