"use client";
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { TextLines, textHtml } from "@/components/annotator/text-lines";
import { useReflow } from "@/components/annotator/use-reflow";
import type { LineIndex } from "@/lib/anchoring/line-index";

export type TTextSelection = { start: number; end: number; rect: { top: number; left: number } } | null;

type TProps = {
  /** Whose "Reflow lines" choice this view remembers. */
  documentId: string;
  /** That choice as the page was rendered. */
  reflow: boolean;
  text: string;
  /** Where each page begins (code points), for the page markers; empty for a document without pages. */
  pageStarts: readonly number[];
  label: string;
  index: LineIndex;
  /** Once mounted: the text root and its lines (shared with the highlight painter). */
  onReady: (root: HTMLElement, lines: TextLines) => void;
  onSelection: (selection: TTextSelection) => void;
  onClickOffset: (offset: number) => void;
  /** The key `a` with a selection. */
  onAnnotateKey: () => void;
  /** The screen-reader hint: how to select, and what the reader may do with a selection (their role decides). */
  hint: string;
};

/** Keys that would edit; the text is never changed (input events are cancelled too). */
const EDIT_KEYS = new Set(["Backspace", "Delete", "Enter"]);

/**
 * Puts a collapsed caret at a code-point offset, without scrolling (the Selection API never scrolls).
 * Done before focusing the text: focusing an editable root whose selection lies elsewhere moves the
 * caret to the very start of the text and scrolls there.
 */
export function placeCaret(root: HTMLElement, index: LineIndex, cp: number) {
  const { line, col } = index.lineCol(cp);
  const paragraph = root.getElementsByTagName("p")[line];
  if (!paragraph) return;
  const text = paragraph.firstChild;
  const [node, offset] = text && text.nodeType === Node.TEXT_NODE ? [text, col] : [paragraph, 0];
  document.getSelection()?.collapse(node, offset);
}

/** Where a collapsed range at a DOM point is drawn (a point in an empty paragraph has no rect: use the paragraph's). */
function caretRect(node: Node, offset: number): { bottom: number; left: number } {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  const rect = range.getClientRects()[0] ?? (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.getBoundingClientRect();
  return { bottom: rect?.bottom ?? 0, left: rect?.left ?? 0 };
}

/** The DOM point under the pointer (where a click puts the caret), whatever the selection is. */
function caretPointAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === "function") {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

const subscribeNever = () => () => {};
const isHydratingNever = () => false;
const isHydratingOnServer = () => true;

/** The lines the server rendered into the text root `id`, as they are ("" keeps them); null when there are none. */
function serverLines(id: string): { html: string; reflowable: boolean } | null {
  const root = document.getElementById(id);
  if (!root?.firstElementChild) return null;
  return { html: "", reflowable: root.querySelector("p.rf-j") !== null };
}

/** How far the pointer may move between press and release for a click (not a drag selection). */
const CLICK_SLOP_PX = 4;

/**
 * The document text: focusable and "editable" only so that a caret and Shift+arrow selection work
 * from the keyboard (a non-editable element has no caret); every edit is cancelled before the browser
 * applies it. Selections and clicks are reported in code points through the line index.
 */
export function AnnotatableText(props: TProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const linesRef = useRef<TextLines | null>(null);
  const textId = useId();
  // Hydrating, the lines the server sent are in the document already, and React leaves inner HTML as
  // it finds it (it never compares it): they are not built again here (tens of ms for a 2 MB text),
  // only asked whether they reflow. A view mounted in the browser (after a client-side navigation)
  // builds them. Decided once, at mount.
  const hydrating = useSyncExternalStore(subscribeNever, isHydratingNever, isHydratingOnServer);
  const [fromServer] = useState(() => (hydrating && typeof document !== "undefined" ? serverLines(textId) : null));
  const rendered = useMemo(() => fromServer ?? textHtml(props.text, props.pageStarts), [fromServer, props.text, props.pageStarts]);
  const html = useMemo(() => ({ __html: rendered.html }), [rendered]);
  const [reflowed, setReflowed] = useReflow(props.documentId, props.reflow);
  const hintId = useId();
  const pressedAt = useRef<{ x: number; y: number } | null>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const lines = new TextLines(root);
    linesRef.current = lines;
    latest.current.onReady(root, lines);

    /** The selection in code points once it is inside the text; null when empty or elsewhere. */
    const readSelection = (): TTextSelection | undefined => {
      const selection = document.getSelection();
      if (!selection || selection.rangeCount === 0 || !root.contains(selection.anchorNode)) return undefined;
      if (selection.isCollapsed) return null;
      const range = selection.getRangeAt(0);
      const start = lines.pointToLineCol(range.startContainer, range.startOffset);
      const end = lines.pointToLineCol(range.endContainer, range.endOffset);
      if (!start || !end) return null;
      const index = latest.current.index;
      const rect = caretRect(range.endContainer, range.endOffset);
      return { start: index.offset(start), end: index.offset(end), rect: { top: rect.bottom, left: rect.left } };
    };
    let last = "";
    const onSelectionChange = () => {
      const next = readSelection();
      if (next === undefined) return;
      const key = next ? `${next.start}-${next.end}` : "";
      if (key === last && next === null) return;
      last = key;
      latest.current.onSelection(next);
    };
    // The native event (React's onBeforeInput is a different, keypress-based one): typing, deleting,
    // pasting, dropping, formatting and undo all arrive here and are cancelled.
    const refuseEdit = (event: Event) => event.preventDefault();
    document.addEventListener("selectionchange", onSelectionChange);
    root.addEventListener("beforeinput", refuseEdit);
    return () => {
      document.removeEventListener("selectionchange", onSelectionChange);
      root.removeEventListener("beforeinput", refuseEdit);
    };
  }, []);

  function onKeyDown(event: React.KeyboardEvent) {
    const mods = event.ctrlKey || event.metaKey || event.altKey;
    const selection = document.getSelection();
    if (!mods && (event.key === "a" || event.key === "A") && selection && !selection.isCollapsed) {
      event.preventDefault();
      latest.current.onAnnotateKey();
      return;
    }
    // Tab leaves the text (to the Annotate button); other editing keys do nothing.
    if (EDIT_KEYS.has(event.key)) event.preventDefault();
  }

  /**
   * A click (not the end of a drag selection) at a place in the text: its code-point offset. Read
   * from the pointer, not the selection: a click inside a selection may leave it as it was.
   */
  function onClick(event: React.MouseEvent) {
    const lines = linesRef.current;
    const pressed = pressedAt.current;
    if (!lines || !pressed || Math.hypot(event.clientX - pressed.x, event.clientY - pressed.y) > CLICK_SLOP_PX) return;
    const caret = caretPointAt(event.clientX, event.clientY);
    const point = caret && lines.pointToLineCol(caret.node, caret.offset);
    if (point) latest.current.onClickOffset(latest.current.index.offset(point));
  }

  return (
    <>
      {/* Outside the text: its children are the lines, one paragraph each. */}
      <p id={hintId} className="sr-only">
        {props.hint}
      </p>
      {rendered.reflowable && (
        <div className="reflow-toggle">
          <label>
            <input type="checkbox" checked={reflowed.on} onChange={(e) => setReflowed(e.target.checked)} /> Reflow lines
            <span className="hint"> (show the wrapped lines of a paragraph as one; the text and its offsets stay as they are)</span>
          </label>
          {reflowed.error && (
            <span role="alert" className="error">
              {" "}
              {reflowed.error}
            </span>
          )}
        </div>
      )}
      <div
        ref={rootRef}
        id={textId}
        // Hydration keeps the server's lines (see fromServer above).
        suppressHydrationWarning
        className={rendered.reflowable && reflowed.on ? "document-text reflowed" : "document-text"}
        // pre-wrap: runs of spaces and tabs show as stored, as everywhere else the text is quoted.
        style={{ whiteSpace: "pre-wrap", overflowWrap: "break-word" }}
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label={props.label}
        aria-describedby={hintId}
        inputMode="none"
        spellCheck={false}
        translate="no"
        tabIndex={0}
        onPaste={(e) => e.preventDefault()}
        onCut={(e) => e.preventDefault()}
        onDrop={(e) => e.preventDefault()}
        onKeyDown={onKeyDown}
        onMouseDown={(e) => (pressedAt.current = { x: e.clientX, y: e.clientY })}
        onClick={onClick}
        // The lines (components/annotator/text-lines.ts) are rendered once, on the server with the page,
        // and never by React again: as inner HTML, hydration takes them as they are instead of walking
        // 5,000 paragraphs, and no re-render of the annotator touches them (the text never changes
        // under a mounted view).
        dangerouslySetInnerHTML={html}
      />
    </>
  );
}
