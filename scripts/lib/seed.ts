import { scriptClient } from "../../prisma/client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../../prisma/demo";

export async function runSeed(databaseUrl: string): Promise<void> {
  const prisma = scriptClient(databaseUrl);
  try {
    const report = await seedDemo(prisma);
    console.log(
      `[seed] demo workspace ready (${report.createdUsers} users, ${report.createdDocuments} documents, ${report.createdSources} sources and ${report.createdAnnotations} annotations added)`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

export function printSignIns(url: string) {
  console.log(`\nProvenant is at ${url}\nDemo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(8)} ${u.email}`);
  console.log("");
}
