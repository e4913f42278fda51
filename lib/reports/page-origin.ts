import "server-only";
import { headers } from "next/headers";
import { forwardedOrigin } from "@/lib/exports/http";

/** The origin a page was reached at, for the absolute URLs inside a report (the export routes' rule). */
export async function pageOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("host") ?? "";
  return forwardedOrigin(h, /^[a-z0-9.\-[\]:]+$/i.test(host) ? `http://${host}` : "http://localhost");
}
