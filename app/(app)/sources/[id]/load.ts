import "server-only";
import { notFound, redirect } from "next/navigation";
import { requireMember } from "@/lib/access";
import { AppError } from "@/lib/errors";
import { requirePageUser } from "@/lib/session";
import { findSourceForPage } from "@/lib/sources/queries";

/**
 * The source of a /sources/[id] page with the user's role; another workspace's source is 404, and
 * a merged one redirects to the source it was merged into (`suffix` keeps the sub-page).
 */
export async function loadSourcePage(id: string, suffix = "") {
  const user = await requirePageUser();
  try {
    const found = await findSourceForPage({ userId: user.id, sourceId: id });
    if ("redirectTo" in found) redirect(`/sources/${found.redirectTo}${suffix}`);
    const member = await requireMember({ userId: user.id, workspaceId: found.source.workspaceId });
    return { user, source: found.source, role: member.role };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
