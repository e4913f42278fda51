"use client";
import { useEffect, useId, useMemo, useState } from "react";
import { RefusedNotice } from "@/components/annotator/stale-notice";
import { CommentEditor } from "@/components/comments/comment-editor";
import { CommentItem } from "@/components/comments/comment-item";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import { getThreadAction, postCommentAction, setThreadResolvedAction } from "@/lib/comments/actions";
import type { TComment, TThread } from "@/lib/comments/schemas";
import type { TAppErrorBody } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { hasRole } from "@/lib/roles";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/**
 * The "Discussion" of the chosen annotation. Its comments are fetched when it opens and again
 * whenever `liveKey` changes (a live update touched this annotation). Every member reads it;
 * reviewers and above comment and resolve or reopen it.
 */
export function Thread(props: {
  annotation: TAnnotationView;
  viewer: TMemberOption;
  members: TMemberOption[];
  liveKey?: string;
  onSaved: (a: TAnnotationView) => void;
}) {
  const a = props.annotation;
  const headingId = useId();
  const canComment = hasRole(props.viewer.role, "REVIEWER");
  const canModerate = hasRole(props.viewer.role, "EDITOR");
  // Mentioning oneself notifies nobody, so one's own name is not suggested.
  const mentionable = useMemo(() => props.members.filter((m) => m.id !== props.viewer.id), [props.members, props.viewer.id]);
  const [thread, setThread] = useState<TThread | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [composerKey, setComposerKey] = useState(0);
  const [postError, setPostError] = useState<string | undefined>();
  const [posting, setPosting] = useState(false);
  const [resolveError, setResolveError] = useState<TAppErrorBody | null>(null);
  const [resolving, setResolving] = useState(false);

  // Refetched on a live update, and on a new annotation version (a resolve or reopen: by whom?).
  useEffect(() => {
    let live = true;
    getThreadAction(a.id).then((result) => {
      if (!live) return;
      if (result.ok) {
        setThread(result.data);
        setLoadError(null);
      } else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [a.id, a.version, props.liveKey]);

  function replace(c: TComment) {
    setThread((t) => (t ? { ...t, comments: t.comments.map((x) => (x.id === c.id ? c : x)) } : t));
  }

  async function post(html: string) {
    setPosting(true);
    const result = await postCommentAction(a.id, { html });
    setPosting(false);
    if (!result.ok) return setPostError(result.error.fields?.html ?? result.error.message);
    setPostError(undefined);
    setThread((t) => (t && !t.comments.some((x) => x.id === result.data.id) ? { ...t, comments: [...t.comments, result.data] } : t));
    setComposerKey((k) => k + 1);
  }

  async function setResolved(resolved: boolean) {
    setResolving(true);
    const result = await setThreadResolvedAction(a.id, { version: a.version, resolved });
    setResolving(false);
    setResolveError(result.ok ? null : result.error);
    if (result.ok) props.onSaved(result.data);
  }

  const comments = thread?.comments ?? [];
  const live = comments.filter((c) => !c.deletedAt).length;
  // The annotation says whether it is resolved; the thread, fetched for it, by whom.
  const resolved = a.threadResolved;
  const resolvedBy = thread?.resolved ? thread : null;

  return (
    <section className="thread" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Discussion{" "}
        <span className="muted">
          ({live} {live === 1 ? "comment" : "comments"})
        </span>
      </h3>
      {resolved && (
        <p className="thread-state">
          <strong>
            <span aria-hidden="true">✓</span> Resolved
          </strong>
          {resolvedBy?.resolvedBy && <> by {resolvedBy.resolvedBy.name}</>}
          {resolvedBy?.resolvedAt && (
            <>
              {" "}
              on <time dateTime={resolvedBy.resolvedAt}>{formatDateTime(new Date(resolvedBy.resolvedAt))}</time>
            </>
          )}
        </p>
      )}
      {loadError && (
        <p role="alert" className="error">
          {loadError}
        </p>
      )}
      {!thread && !loadError ? (
        <p className="muted" role="status">
          Loading the discussion…
        </p>
      ) : comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="comment-list" aria-label="Comments">
          {comments.map((c) => (
            <CommentItem
              key={c.id}
              comment={c}
              members={mentionable}
              canEdit={canComment && c.author.id === props.viewer.id}
              canDelete={canComment && (c.author.id === props.viewer.id || canModerate)}
              onChanged={replace}
            />
          ))}
        </ol>
      )}
      {canComment ? (
        <>
          <CommentEditor
            key={composerKey}
            label="Write a comment"
            members={mentionable}
            submitLabel="Post"
            pending={posting}
            error={postError}
            onSubmit={post}
          />
          <div className="toolbar">
            <button type="button" className="button" disabled={resolving} onClick={() => setResolved(!resolved)}>
              {resolved ? "Reopen thread" : "Resolve thread"}
            </button>
          </div>
          <RefusedNotice error={resolveError} onReload={props.onSaved} />
        </>
      ) : (
        <p className="muted">Reviewers, editors and owners can comment.</p>
      )}
    </section>
  );
}
