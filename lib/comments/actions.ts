"use server";
import { runAction } from "@/lib/actions";
import { parseInput } from "@/lib/api/handler";
import type { TAnnotation } from "@/lib/annotations/schemas";
import { deleteComment, editComment, markMentionsRead, postComment, setThreadResolved } from "@/lib/comments/mutations";
import { getThread, unreadInboxCount } from "@/lib/comments/queries";
import { ZCreateComment, ZDeleteComment, ZEditComment, ZMarkRead, ZSetThread, type TComment, type TThread } from "@/lib/comments/schemas";
import type { TResult } from "@/lib/errors";

// The thread keeps its own list and applies each result itself, so these revalidate nothing.

export async function getThreadAction(annotationId: string): Promise<TResult<TThread>> {
  return runAction((user) => getThread({ userId: user.id, annotationId }));
}

export async function postCommentAction(annotationId: string, input: unknown): Promise<TResult<TComment>> {
  return runAction((user) => postComment({ userId: user.id, annotationId, input: parseInput(ZCreateComment, input) }));
}

/** A stale version comes back as `{ ok: false, error: { code: "CONFLICT", message, current } }`, `current` the comment. */
export async function editCommentAction(commentId: string, input: unknown): Promise<TResult<TComment>> {
  return runAction((user) => editComment({ userId: user.id, commentId, input: parseInput(ZEditComment, input) }));
}

export async function deleteCommentAction(commentId: string, input: unknown): Promise<TResult<TComment>> {
  return runAction((user) => deleteComment({ userId: user.id, commentId, input: parseInput(ZDeleteComment, input) }));
}

/** Resolve or reopen; a stale version comes back as CONFLICT with `current` the annotation. */
export async function setThreadResolvedAction(annotationId: string, input: unknown): Promise<TResult<TAnnotation>> {
  return runAction((user) => setThreadResolved({ userId: user.id, annotationId, input: parseInput(ZSetThread, input) }));
}

export async function markMentionsReadAction(input: unknown): Promise<TResult<{ updated: number; unread: number }>> {
  return runAction((user) => markMentionsRead({ userId: user.id, input: parseInput(ZMarkRead, input) }));
}

/** The header's count: unread mentions and notifications. */
export async function unreadMentionCountAction(): Promise<TResult<number>> {
  return runAction((user) => unreadInboxCount({ userId: user.id }));
}
