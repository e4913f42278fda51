import Link from "next/link";
import { connection } from "next/server";

/** Rendered per request (not prerendered) so that its scripts carry the request's CSP nonce (proxy.ts). */
export default async function NotFound() {
  await connection();
  return (
    <main className="page narrow">
      <h1>Not found</h1>
      <p>This page does not exist, or you do not have access to it.</p>
      <p>
        <Link href="/documents">Back to documents</Link>
      </p>
    </main>
  );
}
