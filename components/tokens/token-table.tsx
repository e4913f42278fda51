import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { formatDateTime } from "@/lib/format";
import { TOKEN_SCOPE_INFO, type TApiToken } from "@/lib/tokens/schemas";

/** The member's tokens: what each may do and when it was last used; revoked ones stay listed, marked. */
export function TokenTable({ tokens }: { tokens: TApiToken[] }) {
  if (tokens.length === 0) return <p className="empty">No tokens yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table token-table">
        <caption className="sr-only">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className={t.revokedAt ? "revoked" : undefined}>
              <th scope="row">
                {t.name}
                <br />
                <code className="muted">{t.prefix}…</code>
              </th>
              <td>{TOKEN_SCOPE_INFO[t.scope].label}</td>
              <td>{formatDateTime(new Date(t.createdAt))}</td>
              <td>{t.lastUsedAt ? formatDateTime(new Date(t.lastUsedAt)) : "Never"}</td>
              <td>{t.expiresAt ? `${t.expired ? "Expired " : ""}${formatDateTime(new Date(t.expiresAt))}` : "Never"}</td>
              <td>
                {t.revokedAt ? (
                  <span className="badge">Revoked {formatDateTime(new Date(t.revokedAt))}</span>
                ) : (
                  <RevokeTokenButton id={t.id} name={t.name} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
