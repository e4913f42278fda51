"use client";
import { useState } from "react";
import { CommentEditor } from "@/components/comments/comment-editor";
import { deleteCommentAction, editCommentAction } from "@/lib/comments/actions";
import type { TComment } from "@/lib/comments/schemas";
import type { TAppErrorBody } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/** The stored HTML was sanitized on the server before it was saved (lib/comments/sanitize.ts). */
function CommentBody({ html }: { html: string }) {
  return <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Stamp({ comment }: { comment: TComment }) {
  return (
    <p className="comment-meta">
      <strong>{comment.author.name}</strong> · <time dateTime={comment.createdAt}>{formatDateTime(new Date(comment.createdAt))}</time>
      {comment.editedAt && (
        <>
          {" "}
          · <span title={`Edited ${formatDateTime(new Date(comment.editedAt))}`}>edited</span>
        </>
      )}
    </p>
  );
}

/**
 * One comment of a thread. Its author may edit it against its version: when it changed meanwhile
 * (another tab), the newer text is shown beside theirs, to load it or to keep their own text and
 * save over it knowingly. The author, and editors and owners, may delete it.
 */
export function CommentItem(props: {
  comment: TComment;
  members: TMemberOption[];
  canEdit: boolean;
  canDelete: boolean;
  onChanged: (c: TComment) => void;
}) {
  const c = props.comment;
  const [editing, setEditing] = useState(false);
  // The version the edit applies to and the text the editor starts from; both move on "Reload".
  const [base, setBase] = useState({ version: c.version, html: c.html, key: 0 });
  const [conflict, setConflict] = useState<TComment | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [pending, setPending] = useState(false);

  if (c.deletedAt) {
    return (
      <li className="comment deleted-comment">
        <p className="comment-meta">
          <em>Comment deleted</em>
        </p>
      </li>
    );
  }

  function startEdit() {
    setBase({ version: c.version, html: c.html, key: base.key + 1 });
    setConflict(null);
    setError(null);
    setEditing(true);
  }

  async function save(html: string) {
    setPending(true);
    const result = await editCommentAction(c.id, { version: base.version, html });
    setPending(false);
    if (result.ok) {
      setEditing(false);
      setError(null);
      setConflict(null);
      return props.onChanged(result.data);
    }
    const current = result.error.code === "CONFLICT" ? (result.error.current as TComment | undefined) : undefined;
    if (current) return setConflict(current);
    setError(result.error);
  }

  async function remove() {
    setPending(true);
    const result = await deleteCommentAction(c.id, { version: c.version });
    setPending(false);
    setConfirming(false);
    if (result.ok) return props.onChanged(result.data);
    const current = result.error.code === "CONFLICT" ? (result.error.current as TComment | undefined) : undefined;
    if (current) props.onChanged(current);
    setError(current ? { ...result.error, message: `${result.error.message}. Check the text shown now, then delete it again if you still want to.` } : result.error);
  }

  return (
    <li className="comment">
      <Stamp comment={c} />
      {editing ? (
        <>
          {conflict && (
            <div role="alert" className="conflict">
              <p>
                <strong>This comment changed since you started editing</strong> (in another tab or window). The saved version:
              </p>
              <CommentBody html={conflict.html} />
              <div className="toolbar">
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setBase({ version: conflict.version, html: conflict.html, key: base.key + 1 });
                    setConflict(null);
                    props.onChanged(conflict);
                  }}
                >
                  Reload their version
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    // Their version is now the one this edit knowingly replaces.
                    setBase({ ...base, version: conflict.version });
                    setConflict(null);
                    props.onChanged(conflict);
                  }}
                >
                  Keep my text
                </button>
              </div>
            </div>
          )}
          <CommentEditor
            key={base.key}
            label="Edit comment"
            members={props.members}
            initialHtml={base.html}
            submitLabel="Save"
            pending={pending}
            error={error?.fields?.html ?? error?.message}
            onSubmit={save}
            onCancel={() => {
              setEditing(false);
              setConflict(null);
              setError(null);
            }}
          />
        </>
      ) : (
        <>
          <CommentBody html={c.html} />
          {error && (
            <p role="alert" className="error">
              {error.message}
            </p>
          )}
          {(props.canEdit || props.canDelete) && !confirming && (
            <div className="toolbar comment-actions">
              {props.canEdit && (
                <button type="button" className="button link" aria-label="Edit your comment" onClick={startEdit}>
                  Edit
                </button>
              )}
              {props.canDelete && (
                <button type="button" className="button link" aria-label={`Delete comment by ${c.author.name}`} onClick={() => setConfirming(true)}>
                  Delete
                </button>
              )}
            </div>
          )}
          {confirming && (
            <div className="toolbar comment-actions" role="group" aria-label="Delete this comment?">
              <span>Delete this comment?</span>
              <button type="button" className="button danger" disabled={pending} onClick={remove}>
                Delete comment
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
