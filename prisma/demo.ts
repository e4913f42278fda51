/**
 * The demo: workspace "Khojaly corpus" with the five corpus texts and four users, one per role.
 * Idempotent: users, the workspace, memberships and documents are created only when missing
 * (a document is matched by its text's sha256, so renamed or deleted ones are not re-added), and the
 * attributions the texts make, each with its claimed source (prisma/demo-annotations.ts).
 */
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { Role } from "../lib/generated/prisma/enums";
import { hashPassword } from "../lib/auth/password";
import { canonicalText, codePointLength, sha256Hex } from "../lib/documents/text";
import { seedAttributions } from "./demo-annotations";

export const DEMO_PASSWORD = "provenant-demo";
export const DEMO_WORKSPACE = "Khojaly corpus";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "owner@example.com", name: "Olga Owner", role: "OWNER" },
  { email: "editor@example.com", name: "Emil Editor", role: "EDITOR" },
  { email: "reviewer@example.com", name: "Rena Reviewer", role: "REVIEWER" },
  { email: "viewer@example.com", name: "Vusal Viewer", role: "VIEWER" },
];

export const CORPUS: ReadonlyArray<{ file: string; title: string }> = [
  { file: "000_f07d61ef4b9b6790.txt", title: "Justice for Khojaly (campaign page)" },
  { file: "001_ec9d0b69bfcdd4a5.txt", title: "Khojaly: the city and the assault (summary page)" },
  { file: "002_9d3e6fa97c59422b.txt", title: "The Khojaly genocide (statement)" },
  { file: "003_e2a3549d0748271b.txt", title: "Khojaly Genocide (Presidential Library compilation)" },
  { file: "004_3d250df90f9a4146.txt", title: "Interview on the 33rd anniversary of Khojaly" },
];

export const corpusDir = path.join(__dirname, "corpus");

export function readCorpusText(file: string): string {
  return canonicalText(fs.readFileSync(path.join(corpusDir, file), "utf8"));
}

export type TSeedReport = { workspaceId: string; createdUsers: number; createdDocuments: number; createdSources: number; createdAnnotations: number };

export async function seedDemo(prisma: PrismaClient): Promise<TSeedReport> {
  let createdUsers = 0;
  let createdDocuments = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const users = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const existing = await prisma.user.findUnique({ where: { email: u.email }, select: { id: true } });
    const user = existing ?? (await prisma.user.create({ data: { email: u.email, name: u.name, passwordHash }, select: { id: true } }));
    if (!existing) createdUsers++;
    users.set(u.email, user.id);
  }

  const ownerId = users.get("owner@example.com") as string;
  const workspace =
    (await prisma.workspace.findFirst({ where: { name: DEMO_WORKSPACE, memberships: { some: { userId: ownerId } } }, select: { id: true } })) ??
    (await prisma.workspace.create({ data: { name: DEMO_WORKSPACE }, select: { id: true } }));

  for (const u of DEMO_USERS) {
    const userId = users.get(u.email) as string;
    await prisma.membership.upsert({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId } },
      create: { workspaceId: workspace.id, userId, role: u.role },
      update: {},
    });
  }

  const documents: { id: string; file: string; text: string; revision: number }[] = [];
  for (const doc of CORPUS) {
    const text = readCorpusText(doc.file);
    const sha256 = sha256Hex(text);
    const existing = await prisma.document.findFirst({ where: { workspaceId: workspace.id, sha256 }, select: { id: true, revision: true } });
    if (existing) {
      documents.push({ ...existing, file: doc.file, text });
      continue;
    }
    const created = await prisma.document.create({
      data: { workspaceId: workspace.id, title: doc.title, text, sha256, length: codePointLength(text), createdById: ownerId },
      select: { id: true, revision: true },
    });
    documents.push({ ...created, file: doc.file, text });
    createdDocuments++;
  }

  // The texts' own attributions, tagged by the demo reviewer.
  const reviewerId = users.get("reviewer@example.com") as string;
  const { createdSources, createdAnnotations } = await seedAttributions(prisma, { workspaceId: workspace.id, actorId: reviewerId, documents });

  return { workspaceId: workspace.id, createdUsers, createdDocuments, createdSources, createdAnnotations };
}
