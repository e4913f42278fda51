import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/access";
import { getDocument } from "@/lib/documents/queries";
import { AppError } from "@/lib/errors";
import { formatDateTime, formatLength } from "@/lib/format";
import { diffRevisions, getRevision, listRevisions } from "@/lib/revisions/queries";
import { hasRole } from "@/lib/roles";
import { requirePageUser } from "@/lib/session";

type TSearch = { from?: string; to?: string; read?: string };
type TProps = { params: Promise<{ id: string }>; searchParams: Promise<TSearch> };

const asNumber = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);

async function load(documentId: string) {
  const user = await requirePageUser();
  try {
    const document = await getDocument({ userId: user.id, documentId });
    const [member, revisions] = await Promise.all([requireMember({ userId: user.id, workspaceId: document.workspaceId }), listRevisions({ userId: user.id, documentId })]);
    return { user, document, role: member.role, revisions };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { document } = await load((await params).id);
  return { title: `Revisions: ${document.title}` };
}

/**
 * A document's revisions, newest first: who saved each, when and why, and what it did to the
 * annotations; the changes between any two, word by word; any revision's text to read.
 */
export default async function RevisionsPage({ params, searchParams }: TProps) {
  const { id } = await params;
  const { user, document, role, revisions } = await load(id);
  const search = await searchParams;
  const numbers = new Set(revisions.map((r) => r.number));
  const latest = revisions[0]?.number ?? document.revision;
  const from = numbers.has(asNumber(search.from) ?? -1) ? asNumber(search.from)! : Math.max(1, latest - 1);
  const to = numbers.has(asNumber(search.to) ?? -1) ? asNumber(search.to)! : latest;
  const read = asNumber(search.read);
  const [diff, reading] = await Promise.all([
    from !== to ? diffRevisions({ userId: user.id, documentId: id, from, to }) : null,
    read !== undefined && numbers.has(read) ? getRevision({ userId: user.id, documentId: id, number: read }) : null,
  ]);
  return (
    <main className="page">
      <p>
        <Link href={`/documents/${id}`}>← {document.title}</Link>
      </p>
      <h1>Revisions</h1>
      {hasRole(role, "EDITOR") && (
        <p>
          <Link className="button" href={`/documents/${id}/edit`}>
            Edit text
          </Link>
        </p>
      )}
      <table className="table">
        <caption className="sr-only">Revisions of the text, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Saved</th>
            <th scope="col">By</th>
            <th scope="col">Why</th>
            <th scope="col">Size</th>
            <th scope="col">Annotations</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.number}>
              <th scope="row">
                <Link href={`/documents/${id}/revisions?read=${r.number}`}>Revision {r.number}</Link>
                {r.number === latest && <span className="muted"> (current)</span>}
              </th>
              <td>
                <time dateTime={r.createdAt}>{formatDateTime(new Date(r.createdAt))}</time>
              </td>
              <td>{r.createdBy.name}</td>
              <td>{r.reason || <span className="muted">{r.number === 1 ? "First text" : "No reason given"}</span>}</td>
              <td>{formatLength(r.length)}</td>
              <td>{r.number === 1 ? "—" : `${r.counts.shifted} moved, ${r.counts.changed} changed, ${r.counts.orphaned} lost`}</td>
              <td>
                <code title={r.sha256}>{r.sha256.slice(0, 12)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {revisions.length > 1 && (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading">Changes</h2>
          <form method="get" className="inline-form">
            <RevisionSelect label="From revision" name="from" value={from} numbers={revisions.map((r) => r.number)} />{" "}
            <RevisionSelect label="to revision" name="to" value={to} numbers={revisions.map((r) => r.number)} />{" "}
            <button type="submit" className="button">
              Compare
            </button>
          </form>
          {diff ? <DiffView diff={diff} /> : <p className="muted">Choose two different revisions.</p>}
        </section>
      )}

      {reading && (
        <section>
          <h2 id="read-heading">Text of revision {reading.number}</h2>
          {/* Focusable so that a keyboard can scroll it; a region so that it is named. */}
          <div className="revision-text" tabIndex={0} role="region" aria-labelledby="read-heading">
            {reading.text}
          </div>
        </section>
      )}
    </main>
  );
}

function RevisionSelect(props: { label: string; name: string; value: number; numbers: number[] }) {
  return (
    <label>
      {props.label}{" "}
      <select name={props.name} defaultValue={props.value}>
        {props.numbers.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Context kept on each side of a change when a long run of unchanged text is shortened. */
const CONTEXT = 160;

/** The changes, removed words struck through and added ones underlined (and named for screen readers), with the unchanged text around them shortened. */
function DiffView(props: { diff: NonNullable<Awaited<ReturnType<typeof diffRevisions>>> }) {
  const { parts } = props.diff;
  const changes = parts.filter((p) => p.kind !== "same").length;
  return (
    <>
      <p>
        {changes === 0 ? "No changes." : `${props.diff.hunks.length} ${props.diff.hunks.length === 1 ? "change" : "changes"}`} from revision {props.diff.from} to revision {props.diff.to}.
      </p>
      <div className="diff" aria-label={`Changes from revision ${props.diff.from} to revision ${props.diff.to}`} role="region" tabIndex={0}>
        {parts.map((part, i) => {
          if (part.kind === "removed") return <del key={i}>{part.text}</del>;
          if (part.kind === "added") return <ins key={i}>{part.text}</ins>;
          const first = i === 0;
          const last = i === parts.length - 1;
          if (part.text.length <= CONTEXT * 2 + 20) return <span key={i}>{part.text}</span>;
          const chars = Array.from(part.text);
          return (
            <span key={i}>
              {!first && chars.slice(0, CONTEXT).join("")}
              <span className="diff-gap"> … </span>
              {!last && chars.slice(-CONTEXT).join("")}
            </span>
          );
        })}
      </div>
    </>
  );
}
