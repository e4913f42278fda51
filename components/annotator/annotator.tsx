"use client";
import type { EditorView } from "@tiptap/pm/view";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { AnnotatableText, type TTextSelection } from "@/components/annotator/annotatable-text";
import { AnnotationEditor, editorKey } from "@/components/annotator/annotation-editor";
import { DeletedAnnotations } from "@/components/annotator/deleted-annotations";
import { EvidenceSection } from "@/components/annotator/evidence-list";
import { HighlightPainter, highlightsSupported } from "@/components/annotator/highlight-painter";
import { NewAnnotationDialog } from "@/components/annotator/new-annotation-dialog";
import { AnnotationList, type TFilters } from "@/components/annotator/sidebar";
import { StatusStyles } from "@/components/annotator/status-styles";
import { UndoToast } from "@/components/annotator/undo-toast";
import { cpSlice } from "@/lib/anchoring/code-points";
import { LineIndex } from "@/lib/anchoring/line-index";
import { deleteAnnotationAction, restoreAnnotationAction } from "@/lib/annotations/actions";
import { fromWire, type TAnnotationView, type TAnnotationWire } from "@/lib/annotations/schemas";
import type { TSource } from "@/lib/sources/schemas";

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

function matches(a: TAnnotationView, f: TFilters) {
  if (f.status && a.status !== f.status) return false;
  if (f.sourceId === "none") return a.source === null;
  return !f.sourceId || a.source?.id === f.sourceId;
}

export function Annotator(props: {
  documentId: string;
  title: string;
  text: string;
  initialAnnotations: TAnnotationWire[];
  initialSources: TSource[];
  canAnnotate: boolean;
  canRestoreAny: boolean;
}) {
  const index = useMemo(() => new LineIndex(props.text), [props.text]);
  const [annotations, setAnnotations] = useState(() => {
    const byId = new Map(props.initialSources.map((s) => [s.id, s]));
    return props.initialAnnotations.map((w) => fromWire(w, byId)).sort(byPosition);
  });
  const [sources, setSources] = useState(props.initialSources);
  const [selection, setSelection] = useState<TTextSelection>(null);
  const [dialogSpan, setDialogSpan] = useState<{ start: number; end: number; exact: string } | null>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [filters, setFilters] = useState<TFilters>({ status: "", sourceId: "" });
  const [undo, setUndo] = useState<TAnnotationView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [painter, setPainter] = useState<HighlightPainter | null>(null);
  const viewRef = useRef<EditorView | null>(null);
  const regionRef = useRef<HTMLElement>(null);

  const shown = useMemo(() => annotations.filter((a) => matches(a, filters)), [annotations, filters]);

  // Paint: only the spans that were added, moved, recoloured or removed are touched. The
  // "pv:paint" measure (sync to the next frame) is what bench/reading-view.ts reads.
  useEffect(() => {
    if (!painter) return;
    const started = performance.now();
    painter.sync(shown.map((a) => ({ id: a.id, start: a.start, end: a.end, status: a.status })));
    const count = painter.size;
    requestAnimationFrame(() => performance.measure("pv:paint", { start: started, detail: { count } }));
  }, [painter, shown]);
  useEffect(() => painter?.mark(selectedIds), [painter, selectedIds, shown]);
  useEffect(() => () => painter?.destroy(), [painter]);

  const onReady = useCallback(
    (root: HTMLElement, view: EditorView) => {
      viewRef.current = view;
      if (highlightsSupported()) setPainter(new HighlightPainter(root, index));
      else setNotice("This browser cannot paint highlights (CSS Custom Highlight API); the list beside the text still shows every annotation.");
    },
    [index],
  );

  function remember(a: TAnnotationView) {
    setAnnotations((list) => [...list.filter((x) => x.id !== a.id), a].sort(byPosition));
    if (a.source && !sources.some((s) => s.id === a.source?.id)) setSources((list) => [...list, a.source as TSource]);
  }

  // Back to the text once the dialog has gone (focus would otherwise fall to the page).
  const dialogWasOpen = useRef(false);
  useEffect(() => {
    if (dialogSpan) dialogWasOpen.current = true;
    else if (dialogWasOpen.current) {
      dialogWasOpen.current = false;
      viewRef.current?.focus();
    }
  }, [dialogSpan]);

  function openDialog() {
    if (!props.canAnnotate || !selection) return;
    const span = trimSpan(props.text, selection);
    if (span) setDialogSpan(span);
  }

  function choose(id: string) {
    const a = annotations.find((x) => x.id === id);
    setSelectedIds((ids) => (ids.length === 1 && ids[0] === id ? [] : [id]));
    if (a) painter?.elementAt(a.start)?.scrollIntoView({ block: "center" });
  }

  function onClickOffset(offset: number) {
    const hits = shown.filter((a) => a.start <= offset && offset < a.end).map((a) => a.id);
    if (!hits.length) return;
    setSelectedIds(hits);
    requestAnimationFrame(() => document.querySelector(`[data-annotation-id="${hits[0]}"]`)?.scrollIntoView({ block: "nearest" }));
  }

  async function remove(a: TAnnotationView) {
    const result = await deleteAnnotationAction(a.id);
    if (!result.ok) return setNotice(result.error.message);
    setAnnotations((list) => list.filter((x) => x.id !== a.id));
    setSelectedIds([]);
    setUndo(result.data);
  }

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

  return (
    <div className="annotator">
      <StatusStyles />
      <section
        aria-label="Document text"
        className="document-region"
        ref={regionRef}
        // The selection as the annotator understood it, in code points (tests wait on it).
        data-selection={selection ? `${selection.start}-${selection.end}` : ""}
      >
        <AnnotatableText
          text={props.text}
          label={props.title}
          index={index}
          onReady={onReady}
          onSelection={onSelection}
          onClickOffset={onClickOffset}
          onAnnotateKey={openDialog}
        />
        {props.canAnnotate && selection && (
          <button
            type="button"
            className="button primary annotate-button"
            style={{ top: selection.rect.top, left: selection.rect.left }}
            onMouseDown={(e) => e.preventDefault()}
            onClick={openDialog}
          >
            Annotate
          </button>
        )}
      </section>
      <section aria-label="Annotations" className="sidebar">
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        <AnnotationList
          all={annotations}
          shown={shown}
          sources={sources}
          filters={filters}
          onFilters={setFilters}
          selectedIds={selectedIds}
          onChoose={choose}
          renderEditor={(a) =>
            props.canAnnotate ? (
              <AnnotationEditor
                key={editorKey(a)}
                annotation={a}
                sources={sources}
                textSelection={selection && trimSpan(props.text, selection)}
                onSaved={remember}
                onDelete={remove}
                onCancel={() => setSelectedIds([])}
              />
            ) : (
              // Readers see what was found; the chain is already in the entry itself.
              <EvidenceSection key={a.id} annotation={a} sources={sources} canEdit={false} onAnnotationChanged={remember} />
            )
          }
        />
        {props.canRestoreAny && <DeletedAnnotations documentId={props.documentId} onRestored={remember} />}
      </section>
      {undo && <UndoToast annotation={undo} onUndo={() => restore(undo)} onExpire={() => setUndo(null)} />}
      {dialogSpan && (
        <NewAnnotationDialog
          documentId={props.documentId}
          span={dialogSpan}
          sources={sources}
          onClose={() => setDialogSpan(null)}
          onSaved={(a) => {
            remember(a);
            setDialogSpan(null);
            setSelectedIds([a.id]);
          }}
        />
      )}
    </div>
  );
}
