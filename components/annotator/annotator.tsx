"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { afterNextPaint } from "@/components/annotator/after-paint";
import { AnnotatableText, placeCaret, type TTextSelection } from "@/components/annotator/annotatable-text";
import { revealLinked } from "@/components/annotator/reveal-linked";
import { DocumentPagesContext, GoToPage } from "@/components/annotator/document-pages";
import { DeletedAnnotations } from "@/components/annotator/deleted-annotations";
import { HighlightPainter, highlightsSupported, type TSpan } from "@/components/annotator/highlight-painter";
import { OrphanedAnnotations } from "@/components/annotator/orphaned";
import { READING_KEYS, readingShortcuts } from "@/components/annotator/reading-shortcuts";
import { AnnotationList, type TFilters } from "@/components/annotator/sidebar";
import { StatusStyles } from "@/components/annotator/status-styles";
import type { TextLines } from "@/components/annotator/text-lines";
import { UndoToast } from "@/components/annotator/undo-toast";
import { refreshUnread } from "@/components/comments/inbox-link";
import { LiveStatus } from "@/components/live/live-status";
import { ShortcutHelp, useShortcutKeys } from "@/components/ui/shortcuts";
import { publishPresence } from "@/components/live/presence-store";
import { useLiveEvents } from "@/components/live/use-live";
import { cpSlice } from "@/lib/anchoring/code-points";
import { LineIndex } from "@/lib/anchoring/line-index";
import { deleteAnnotationAction, restoreAnnotationAction } from "@/lib/annotations/actions";
import { unpackAnnotations, type TPackedAnnotations } from "@/lib/annotations/reading-wire";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import { applyAnnotation } from "@/lib/live/apply";
import { describeLiveEvent } from "@/lib/live/describe";
import type { TLiveEvent } from "@/lib/live/schemas";
import { hasRole } from "@/lib/roles";
import type { TSource } from "@/lib/sources/schemas";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/**
 * The chosen annotation's panel (editor, evidence, discussion with its rich-text comment editor,
 * history) is most of the reading view's script; it loads apart, so that opening a document parses
 * only what paints the text and the list, and is fetched while the browser is idle after that.
 */
const loadDetails = () => import("@/components/annotator/annotation-details");
const AnnotationDetails = dynamic(() => loadDetails().then((m) => m.AnnotationDetails), {
  loading: () => <p className="muted">Loading…</p>,
});
/** The open panel re-renders only when its own props change, not on every change to the list. */
const MemoDetails = memo(AnnotationDetails);
/**
 * The "New annotation" dialog, with its source picker and the source schemas (zod) behind it, is
 * not needed to show the text: it loads apart too, fetched while idle after the first paint or when
 * the reader first selects text, so it is there by the time they press A.
 */
const loadNewDialog = () => import("@/components/annotator/new-annotation-dialog");
const NewAnnotationDialog = dynamic(() => loadNewDialog().then((m) => m.NewAnnotationDialog));

/**
 * A callback with a fixed identity that always runs the latest `fn`: memoized children (list rows,
 * the details panel) keep their props equal across renders and so are not rendered again.
 */
function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

const spanOf = (a: TAnnotationView): TSpan => ({ id: a.id, start: a.start, end: a.end, status: a.status });

/**
 * Records the `pv:paint` measure (read by bench/reading-view.ts): from `started` to the frame that
 * shows the highlights having been produced (its style, layout and paint included).
 */
function measurePaint(started: number, count: number) {
  afterNextPaint(() => performance.measure("pv:paint", { start: started, detail: { count } }));
}

/** What the page reads after sending the text (app/(app)/documents/[id]/page.tsx), handed over as a promise. */
export type TReadingData = {
  /** Packed (lib/annotations/reading-wire.ts): 2,000 annotations are a large part of the page. */
  annotations: TPackedAnnotations;
  /** The workspace's sources, sent once (the annotations refer to them by id). */
  sources: TSource[];
  /** An annotation to open at once (a link from the inbox: /documents/:id?annotation=:annotationId). */
  selectedId?: string;
};

/** The list before the annotations have arrived. */
const NONE: TAnnotationView[] = [];

const byPosition = (a: TAnnotationView, b: TAnnotationView) => a.start - b.start || a.end - b.end || a.createdAt.localeCompare(b.createdAt);

/** Trims white space off the ends of a selection, which mouse selections often carry. */
function trimSpan(text: string, span: { start: number; end: number }) {
  const exact = cpSlice(text, span.start, span.end);
  const chars = Array.from(exact);
  let s = 0;
  let e = chars.length;
  while (s < e && /\s/.test(chars[s])) s++;
  while (e > s && /\s/.test(chars[e - 1])) e--;
  return s === e ? null : { start: span.start + s, end: span.start + e, exact: chars.slice(s, e).join("") };
}

/** Adds a source the list does not have yet, or a newer version of one it has. */
function withSource(list: TSource[], source: TSource | null): TSource[] {
  if (!source) return list;
  const held = list.find((s) => s.id === source.id);
  if (!held) return [...list, source];
  return held.version < source.version ? list.map((s) => (s === held ? source : s)) : list;
}

/** The list entry of an annotation (rendered by sidebar.tsx). */
const entryOf = (id: string) => document.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`);

/** Live events that arrive together (a bulk change, a replay) are applied in one render. */
const LIVE_BATCH_MS = 30;

function matches(a: TAnnotationView, f: TFilters) {
  if (f.status && a.status !== f.status) return false;
  if (f.recheck && !a.needsRecheck) return false;
  if (f.sourceId === "none") return a.source === null;
  return !f.sourceId || a.source?.id === f.sourceId;
}

export function Annotator(props: {
  documentId: string;
  title: string;
  text: string;
  /** Where each page begins (code points) in a paged document (a PDF); empty otherwise. */
  pageStarts: number[];
  /** Whether this member reads the document with its lines reflowed (remembered per person and document). */
  reflow: boolean;
  /** The revision of the text shown; a live event of a later one reads the page again. */
  revision: number;
  /**
   * The annotations and sources, still on their way when the page is first shown: the text is
   * streamed, laid out and made interactive meanwhile; the list says it is loading.
   */
  initialData: Promise<TReadingData>;
  /** The signed-in member; their role decides what they may do. */
  viewer: TMemberOption;
  members: TMemberOption[];
  /** The document's latest event id when the page read its data: the live stream replays what came after. */
  liveCursor?: string | null;
}) {
  const canAnnotate = hasRole(props.viewer.role, "REVIEWER");
  const shortcutGroups = useMemo(() => readingShortcuts(canAnnotate), [canAnnotate]);
  const index = useMemo(() => new LineIndex(props.text), [props.text]);
  // null until the page's data has arrived (props.initialData).
  const [loaded, setLoaded] = useState<TAnnotationView[] | null>(null);
  const annotations = loaded ?? NONE;
  const [sources, setSources] = useState<TSource[]>([]);
  const [linkedId, setLinkedId] = useState<string | undefined>(undefined);
  const [selection, setSelection] = useState<TTextSelection>(null);
  const [dialogSpan, setDialogSpan] = useState<{ start: number; end: number; exact: string } | null>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [filters, setFilters] = useState<TFilters>({ status: "", sourceId: "", recheck: false });
  const [undo, setUndo] = useState<TAnnotationView | null>(null);
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [painter, setPainter] = useState<HighlightPainter | null>(null);
  // The painter as soon as it exists, for the data's arrival (before the render that has it in state).
  const painterRef = useRef<HighlightPainter | null>(null);
  const textRef = useRef<HTMLElement | null>(null);
  const regionRef = useRef<HTMLElement>(null);
  // Live updates: the newest version of each removed annotation (so a late, older copy does not
  // bring it back), the latest event id per annotation (AnnotationDetails' liveKey), and the
  // events waiting for the next batch.
  const removed = useRef(new Map<string, number>());
  const [liveKeys, setLiveKeys] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [announcement, setAnnouncement] = useState("");
  const pendingLive = useRef<TLiveEvent[]>([]);
  const liveTimer = useRef<number | undefined>(undefined);
  const annotationsRef = useRef(loaded);
  useEffect(() => {
    annotationsRef.current = loaded;
  }, [loaded]);
  const ready = loaded !== null;

  // Changes that came back from the server (the reader saved one) before the page's annotations
  // arrived: applied on top of them. Live events wait in pendingLive instead (flushLive).
  const arrived = useRef(false);
  const early = useRef<TAnnotationView[]>([]);

  // Orphans (imported, not found in the text) are neither painted nor hit: they wait apart to be placed.
  const placed = useMemo(() => annotations.filter((a) => !a.orphaned), [annotations]);
  const orphans = useMemo(() => annotations.filter((a) => a.orphaned), [annotations]);
  const shown = useMemo(() => placed.filter((a) => matches(a, filters)), [placed, filters]);

  // Paint: only the spans that were added, moved, recoloured or removed are touched. A change that
  // comes back from the server is painted at once (applyChanges) before React renders the list; this
  // reconciles after each render (filters, the first paint, anything applyChanges did not see). The
  // "pv:paint" measure runs from the data arriving (the painter holding text and annotations, or a
  // change arriving) to the frame that shows it.
  const firstPaint = useRef(true);
  useEffect(() => {
    if (!painter || !ready) return;
    const started = performance.now();
    const changed = painter.sync(shown.map(spanOf));
    if (changed > 0 || firstPaint.current) measurePaint(started, painter.size);
    firstPaint.current = false;
  }, [painter, ready, shown]);
  useEffect(() => painter?.mark(selectedIds), [painter, selectedIds, shown]);
  // Opened from a link to one annotation: bring its passage, entry and discussion into view once.
  // Opening it marked what the inbox held about it read (the page's data came after), so the
  // header's count, read as the page began, is read again.
  const showLinked = useStableCallback((id: string) => {
    refreshUnread();
    const a = annotations.find((x) => x.id === id);
    return revealLinked(entryOf(id), a && painter?.elementAt(a.start));
  });
  useEffect(() => (linkedId ? showLinked(linkedId) : undefined), [linkedId, showLinked]);
  useEffect(() => () => painter?.destroy(), [painter]);
  // The panels' script is fetched once the list is shown, so that it never competes with opening.
  useEffect(() => {
    if (!painter || !ready) return;
    const idle = window.requestIdleCallback?.(
      () => {
        void loadDetails();
        if (canAnnotate) void loadNewDialog();
      },
      { timeout: 2_000 },
    );
    return () => (idle === undefined ? undefined : window.cancelIdleCallback(idle));
  }, [painter, ready, canAnnotate]);
  const hasSelection = selection !== null;
  useEffect(() => {
    if (canAnnotate && hasSelection) void loadNewDialog();
  }, [canAnnotate, hasSelection]);

  const onReady = useCallback(
    (root: HTMLElement, lines: TextLines) => {
      textRef.current = root;
      if (!highlightsSupported()) {
        setNotice("This browser cannot paint highlights (CSS Custom Highlight API); the list beside the text still shows every annotation.");
        return;
      }
      painterRef.current = new HighlightPainter(root, index, lines);
      setPainter(painterRef.current);
    },
    [index],
  );

  /**
   * Applies changed annotations. Their highlights are painted straight away, before React renders
   * the list and the panel again (at 5,000 annotations that render would hold the highlight back by
   * far more than a frame); the list, counts and panel follow after that frame, as a transition.
   * Callers hold back their own updates the same way (afterNextPaint). Stable: live events call it
   * from an earlier render.
   */
  const applyChanges = useStableCallback((incoming: readonly TAnnotationView[]) => {
    if (incoming.length === 0) return;
    if (painter) {
      const started = performance.now();
      let changed = false;
      for (const a of incoming) {
        // A copy older than the one held or removed is skipped, as applyAnnotation does.
        const held = annotationsRef.current?.find((x) => x.id === a.id)?.version ?? 0;
        if (a.version < Math.max(held, removed.current.get(a.id) ?? 0)) continue;
        const painted = a.deletedAt || a.orphaned || !matches(a, filters) ? painter.remove(a.id) : painter.upsert(spanOf(a));
        changed ||= painted;
      }
      if (changed) measurePaint(started, painter.size);
    }
    afterNextPaint(() => {
      if (!arrived.current) {
        early.current.push(...incoming);
        return;
      }
      startTransition(() => {
        setLoaded((list) => list && incoming.reduce((acc, a) => applyAnnotation(acc, a, removed.current, byPosition), list));
        setSources((list) => incoming.reduce((acc, a) => withSource(acc, a.source), list));
      });
    });
  });

  /** A saved or reloaded annotation; a live event may already have brought a newer one. */
  const remember = useStableCallback((a: TAnnotationView) => applyChanges([a]));

  const flushLive = useStableCallback(() => {
    liveTimer.current = undefined;
    // Held until the page's annotations are here (read after the live cursor, so each event applies
    // on top of them; applyAnnotation skips copies older than the one held).
    if (!arrived.current) return;
    const events = pendingLive.current;
    pendingLive.current = [];
    applyChanges(events.flatMap((e) => (e.annotation ? [e.annotation] : [])));
    setLiveKeys((keys) => {
      const next = new Map(keys);
      for (const e of events) next.set(e.annotationId, e.id);
      return next;
    });
    // Own changes are on screen already; others' are announced, the latest of a burst.
    const theirs = events.filter((e) => e.actor.id !== props.viewer.id).at(-1);
    if (theirs) setAnnouncement(describeLiveEvent(theirs, annotationsRef.current?.find((a) => a.id === theirs.annotationId)?.status));
  });

  // The page's annotations and sources, once they have arrived (see props.initialData).
  useEffect(() => {
    // Taken once, as initial state is: a refresh of the page (a rename) brings a new promise, but the
    // list held here is already kept up to date by saves and live events.
    if (arrived.current) return;
    let current = true;
    props.initialData.then(
      (data) => {
        if (!current) return;
        const byId = new Map(data.sources.map((s) => [s.id, s]));
        const unpacked = unpackAnnotations(data.annotations, props.text, byId).sort(byPosition);
        // With the reader's own changes that came back meanwhile (applying one twice changes nothing).
        const withEarly = () => early.current.reduce((acc, a) => applyAnnotation(acc, a, removed.current, byPosition), unpacked);
        // The highlights first, as for any change (applyChanges): rendering the list (and laying it
        // out) would hold them back by more than a frame; the list follows after that frame. No
        // filter applies yet: the filters are shown with the list.
        const painterNow = painterRef.current;
        if (painterNow) {
          const started = performance.now();
          painterNow.sync(withEarly().flatMap((a) => (a.orphaned ? [] : [spanOf(a)])));
          measurePaint(started, painterNow.size);
          firstPaint.current = false;
        }
        afterNextPaint(() => {
          if (!current) return;
          const list = withEarly();
          const listSources = early.current.reduce((acc, a) => withSource(acc, a.source), data.sources);
          early.current = [];
          arrived.current = true;
          startTransition(() => {
            setLoaded(list);
            setSources(listSources);
            if (data.selectedId) {
              setSelectedIds([data.selectedId]);
              setLinkedId(data.selectedId);
            }
          });
          if (pendingLive.current.length) liveTimer.current ??= window.setTimeout(flushLive, LIVE_BATCH_MS);
        });
      },
      () => current && setNotice("The annotations could not be loaded. Reload the page to try again."),
    );
    return () => {
      current = false;
    };
  }, [props.initialData, props.text, flushLive]);

  const switching = useRef(false);
  const live = useLiveEvents({
    url: `/api/v1/documents/${encodeURIComponent(props.documentId)}/live${props.liveCursor ? `?lastEventId=${props.liveCursor}` : ""}`,
    onEvent: (e) => {
      if (e.documentId !== props.documentId) return;
      // A new revision of the text: the page is read again and shown at it (the page keys this view
      // by revision, so the text, its lines and the annotations are all of the new one).
      if (e.annotation && e.annotation.documentRevision > props.revision) {
        if (!switching.current) {
          switching.current = true;
          startTransition(() => router.refresh());
        }
        return;
      }
      pendingLive.current.push(e);
      liveTimer.current ??= window.setTimeout(flushLive, LIVE_BATCH_MS);
    },
    onPresence: (people) => publishPresence(props.documentId, people),
    // Too much was missed to replay: the page's data is read again (a new promise, with a new
    // starting point for the stream) and replaces the list; events meanwhile wait for it, as at load.
    onResync: () => {
      arrived.current = false;
      startTransition(() => router.refresh());
    },
  });
  useEffect(
    () => () => {
      window.clearTimeout(liveTimer.current);
      liveTimer.current = undefined;
      publishPresence(props.documentId, null);
    },
    [props.documentId],
  );

  // Back to the text once the dialog has gone (focus would otherwise fall to the page), with the
  // caret after the span and the text scrolled where it was, so the reader goes on from there.
  const dialogWasFor = useRef<{ end: number } | null>(null);
  useEffect(() => {
    if (dialogSpan) dialogWasFor.current = dialogSpan;
    else if (dialogWasFor.current) {
      const root = textRef.current;
      if (root) {
        placeCaret(root, index, dialogWasFor.current.end);
        root.focus({ preventScroll: true });
      }
      dialogWasFor.current = null;
    }
  }, [dialogSpan, index]);

  function openDialog() {
    if (!canAnnotate || !selection) return;
    const span = trimSpan(props.text, selection);
    if (span) setDialogSpan(span);
  }

  /** Chooses the next (1) or previous (-1) annotation of the list, in reading order, and shows it in the text and the list. */
  function step(direction: 1 | -1) {
    if (shown.length === 0) return;
    const at = shown.findIndex((a) => a.id === selectedIds[0]);
    const next = shown[at < 0 ? (direction > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, at + direction))];
    setSelectedIds([next.id]);
    painter?.elementAt(next.start)?.scrollIntoView({ block: "center" });
    requestAnimationFrame(() => entryOf(next.id)?.scrollIntoView({ block: "nearest" }));
  }
  useShortcutKeys({
    [READING_KEYS.next]: () => step(1),
    [READING_KEYS.previous]: () => step(-1),
    [READING_KEYS.goTo]: () => {
      const id = selectedIds[0] ?? shown[0]?.id;
      if (!id) return;
      if (!selectedIds.length) setSelectedIds([id]);
      requestAnimationFrame(() => entryOf(id)?.querySelector<HTMLElement>(":scope > .item-button")?.focus());
    },
  });

  const choose = useStableCallback((id: string) => {
    const a = annotations.find((x) => x.id === id);
    setSelectedIds((ids) => (ids.length === 1 && ids[0] === id ? [] : [id]));
    if (a) painter?.elementAt(a.start)?.scrollIntoView({ block: "center" });
  });

  function onClickOffset(offset: number) {
    const hits = shown.filter((a) => a.start <= offset && offset < a.end).map((a) => a.id);
    if (!hits.length) return;
    setSelectedIds(hits);
    requestAnimationFrame(() => entryOf(hits[0])?.scrollIntoView({ block: "nearest" }));
  }

  const remove = useStableCallback(async (a: TAnnotationView) => {
    const result = await deleteAnnotationAction(a.id);
    if (!result.ok) return setNotice(result.error.message);
    applyChanges([result.data]);
    // The panel closes and the toast shows once the highlight is gone from the screen.
    afterNextPaint(() => {
      setSelectedIds([]);
      setUndo(result.data);
    });
  });
  // Trimmed once per selection (it slices the whole text), and the same object while it lasts.
  const textSelection = useMemo(() => selection && trimSpan(props.text, selection), [props.text, selection]);

  async function restore(a: TAnnotationView) {
    const result = await restoreAnnotationAction(a.id);
    if (!result.ok) return setNotice(result.error.message);
    remember(result.data);
    setUndo(null);
  }

  /** Keeps the selection with its end's position relative to the text region, for the Annotate button. */
  const onSelection = useCallback((next: TTextSelection) => {
    const region = regionRef.current?.getBoundingClientRect();
    setSelection(next && region ? { ...next, rect: { top: next.rect.top - region.top + 6, left: Math.max(0, next.rect.left - region.left - 40) } } : next);
  }, []);

  /** Shows page `page` at the top of the view, with the caret at its first character. */
  const goToPage = useCallback(
    (page: number) => {
      const root = textRef.current;
      const start = props.pageStarts[page - 1];
      if (!root || start === undefined) return;
      root.querySelector(`#page-${page}`)?.scrollIntoView({ block: "start" });
      placeCaret(root, index, start);
      root.focus({ preventScroll: true });
    },
    [props.pageStarts, index],
  );

  return (
    <DocumentPagesContext.Provider value={props.pageStarts}>
    <div className="annotator">
      <StatusStyles />
      <section
        aria-label="Document text"
        className="document-region"
        ref={regionRef}
        // The selection as the annotator understood it, in code points (tests wait on it).
        data-selection={selection ? `${selection.start}-${selection.end}` : ""}
      >
        {props.pageStarts.length > 0 && <GoToPage pageCount={props.pageStarts.length} onGo={goToPage} />}
        <AnnotatableText
          documentId={props.documentId}
          text={props.text}
          pageStarts={props.pageStarts}
          reflow={props.reflow}
          label={props.title}
          index={index}
          onReady={onReady}
          onSelection={onSelection}
          onClickOffset={onClickOffset}
          onAnnotateKey={openDialog}
          hint={
            canAnnotate
              ? "Select text with the mouse or Shift and the arrow keys, then press A to annotate it. Press J and K to move between annotations, ? for all shortcuts."
              : "Select text with the mouse or Shift and the arrow keys to read or copy it. Press J and K to move between annotations, ? for all shortcuts."
          }
        />
        {canAnnotate && selection && (
          <button
            type="button"
            className="button primary annotate-button"
            // Kept inside the text region, so that a selection near its right edge (a phone) never widens the page.
            style={{ top: selection.rect.top, left: `min(${selection.rect.left}px, calc(100% - 8rem))` }}
            onMouseDown={(e) => e.preventDefault()}
            onClick={openDialog}
          >
            Annotate
          </button>
        )}
      </section>
      <section aria-label="Annotations" className="sidebar">
        <LiveStatus status={live.status} announcement={announcement} />
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        {!ready && !notice && (
          <p role="status" className="muted">
            Loading annotations…
          </p>
        )}
        <ShortcutHelp groups={shortcutGroups} />
        {ready && (
          <AnnotationList
            all={placed}
            shown={shown}
            sources={sources}
            filters={filters}
            onFilters={setFilters}
            selectedIds={selectedIds}
            onChoose={choose}
            empty={
              canAnnotate ? (
                <>
                  No annotations yet. To add one, select a passage in the text: drag over it with the mouse, or click in the text (or Tab to it) and hold Shift while you press the arrow keys. An
                  Annotate button then appears beside the selection; press it, or press A.
                </>
              ) : (
                <>
                  No annotations yet. As a viewer you can read this document, select and copy its text, and export it from its report (PDF, HTML, CSV, JSON); reviewers and editors add the
                  annotations.
                </>
              )
            }
            orphans={
              <OrphanedAnnotations
                orphans={orphans}
                canPlace={canAnnotate}
                selection={textSelection}
                onPlaced={(a) => {
                  remember(a);
                  if (a.orphaned) return;
                  setSelectedIds([a.id]);
                  requestAnimationFrame(() => painter?.elementAt(a.start)?.scrollIntoView({ block: "center" }));
                }}
              />
            }
            renderEditor={(a) => (
              <MemoDetails
                key={a.id}
                annotation={a}
                text={props.text}
                sources={sources}
                viewer={props.viewer}
                members={props.members}
                liveKey={liveKeys.get(a.id)}
                textSelection={textSelection}
                onSaved={remember}
                onDelete={remove}
              />
            )}
          />
        )}
        {hasRole(props.viewer.role, "EDITOR") && <DeletedAnnotations documentId={props.documentId} onRestored={remember} />}
      </section>
      {undo && <UndoToast annotation={undo} onUndo={() => restore(undo)} onExpire={() => setUndo(null)} />}
      {dialogSpan && (
        <NewAnnotationDialog
          documentId={props.documentId}
          span={dialogSpan}
          revision={props.revision}
          sources={sources}
          onClose={() => setDialogSpan(null)}
          onSaved={(a) => {
            remember(a);
            // The dialog closes, and the new annotation's panel opens, after the frame that shows its highlight.
            afterNextPaint(() => {
              setDialogSpan(null);
              setSelectedIds([a.id]);
            });
          }}
        />
      )}
    </div>
    </DocumentPagesContext.Provider>
  );
}
