/** Fixtures for the annotation and source tests (real database): a workspace with one user per role and a document. */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { codePointLength, sha256Hex } from "@/lib/documents/text";
import type { TRole } from "@/lib/roles";
import { createAnnotation, updateAnnotation } from "@/lib/annotations/mutations";
import { ZCreateAnnotation, ZUpdateAnnotation } from "@/lib/annotations/schemas";
import { addEvidence } from "@/lib/evidence/mutations";
import { ZCreateEvidence } from "@/lib/evidence/schemas";

export async function testUser(name = "t") {
  return db().user.create({ data: { email: `${randomUUID()}@t.test`, name, passwordHash: "x" }, select: { id: true, name: true } });
}

export async function testWorkspace(text = "Memorial reported 613 killed in Khojaly.") {
  const workspace = await db().workspace.create({ data: { name: `Desk ${randomUUID().slice(0, 6)}` }, select: { id: true } });
  const users = {} as Record<TRole | "REVIEWER2" | "STRANGER", { id: string; name: string }>;
  for (const role of ["OWNER", "EDITOR", "REVIEWER", "VIEWER"] as const) {
    users[role] = await testUser(`${role.toLowerCase()} ${randomUUID().slice(0, 4)}`);
    await db().membership.create({ data: { workspaceId: workspace.id, userId: users[role].id, role } });
  }
  users.REVIEWER2 = await testUser("second reviewer");
  await db().membership.create({ data: { workspaceId: workspace.id, userId: users.REVIEWER2.id, role: "REVIEWER" } });
  users.STRANGER = await testUser("stranger");
  const doc = await db().document.create({
    data: { workspaceId: workspace.id, title: "Doc", text, sha256: sha256Hex(text), length: codePointLength(text), createdById: users.OWNER.id },
    select: { id: true },
  });
  return { workspaceId: workspace.id, documentId: doc.id, users };
}

export function eventsOf(annotationId: string) {
  return db().annotationEvent.findMany({ where: { annotationId }, orderBy: { id: "asc" } });
}

/** The mutations with input parsed as the actions and routes parse it (defaults filled in). */
export function create(userId: string, documentId: string, input: unknown) {
  return createAnnotation({ userId, documentId, input: ZCreateAnnotation.parse(input) });
}

export function update(userId: string, annotationId: string, input: unknown) {
  return updateAnnotation({ userId, annotationId, input: ZUpdateAnnotation.parse(input) });
}

/** Adds an evidence item as the actions and routes do (input parsed, defaults filled in). */
export function addEvidenceTo(userId: string, annotationId: string, input: unknown = { stance: "SUPPORTS", passage: "613 people were killed" }) {
  return addEvidence({ userId, annotationId, input: ZCreateEvidence.parse(input) });
}

/** An annotation of `text` (18 to 28) with evidence, VERIFIED by the reviewer: awaiting sign-off at the returned version. */
export async function verdictByReviewer(text: string) {
  const ws = await testWorkspace(text);
  const a = await create(ws.users.REVIEWER.id, ws.documentId, { start: 18, end: 28 });
  await addEvidenceTo(ws.users.REVIEWER.id, a.id);
  const verified = await update(ws.users.REVIEWER.id, a.id, { version: 2, status: "VERIFIED" });
  return { ...ws, a: verified };
}
