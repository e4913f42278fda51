import "server-only";
import { AppError, type TResult } from "@/lib/errors";
import { requireApiUser, type TCurrentUser } from "@/lib/session";

/**
 * Runs a server action body with the session checked and errors turned into a typed result, the
 * same `{ code, message, fields }` the JSON API returns, for forms to show inline.
 */
export async function runAction<T>(body: (user: TCurrentUser) => Promise<T>): Promise<TResult<T>> {
  try {
    const user = await requireApiUser();
    return { ok: true, data: await body(user) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    // Next's redirect()/notFound() signal by throwing; let them through.
    if (error instanceof Error && "digest" in error) throw error;
    console.error(error);
    return { ok: false, error: { code: "UNAVAILABLE", message: "Something went wrong; nothing was saved. Try again." } };
  }
}
