import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { requirePageUser } from "@/lib/session";
import { listTokens } from "@/lib/tokens/queries";
import { MAX_LIVE_TOKENS } from "@/lib/tokens/schemas";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requirePageUser();
  const tokens = await listTokens({ userId: user.id });
  return (
    <main className="page">
      <h1>API tokens</h1>
      <p>
        A personal API token lets a script use the <a href="/api/v1/openapi.json">JSON API</a> as you, with header{" "}
        <code>Authorization: Bearer pv_…</code>. It sees and changes only what you may in the app. Only a hash is kept: the token
        is shown once, when you create it. You may hold up to {MAX_LIVE_TOKENS} tokens.
      </p>
      <h2>New token</h2>
      <CreateTokenForm />
      <h2>Your tokens</h2>
      <TokenTable tokens={tokens} />
    </main>
  );
}
