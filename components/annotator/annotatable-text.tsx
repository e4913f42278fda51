"use client";
import { Extension } from "@tiptap/core";
import { Plugin } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { EditorContent, useEditor } from "@tiptap/react";
import Document from "@tiptap/extension-document";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { useEffect, useMemo, useRef } from "react";
import type { LineIndex } from "@/lib/anchoring/line-index";
import { paragraphDoc } from "@/lib/documents/prosemirror";

/**
 * Keeps the text unchangeable while leaving it focusable, so a caret and Shift+arrow selection work
 * from the keyboard (a non-editable ProseMirror view has no caret). Every transaction that would
 * change the document is dropped, and input events are cancelled before the browser edits the DOM.
 */
const ReadOnlyCaret = Extension.create({
  name: "readOnlyCaret",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        filterTransaction: (tr) => !tr.docChanged,
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});

export type TTextSelection = { start: number; end: number; rect: { top: number; left: number } } | null;

type TProps = {
  text: string;
  label: string;
  index: LineIndex;
  onReady: (root: HTMLElement, view: EditorView) => void;
  onSelection: (selection: TTextSelection) => void;
  onClickOffset: (offset: number) => void;
  /** The key `a` with a selection. */
  onAnnotateKey: () => void;
};

const EDIT_KEYS = new Set(["Backspace", "Delete", "Enter", "Tab"]);

export function AnnotatableText(props: TProps) {
  const content = useMemo(() => paragraphDoc(props.text), [props.text]);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const editor = useEditor({
    // Only the nodes the text needs: fewer plugins make opening a 5,000-line text faster.
    extensions: [Document, Paragraph, Text, ReadOnlyCaret],
    content,
    editable: true,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        class: "document-text",
        role: "textbox",
        "aria-readonly": "true",
        "aria-multiline": "true",
        "aria-label": props.label,
        "aria-description": "Select text with the mouse or Shift and the arrow keys, then press A to annotate it.",
        inputmode: "none",
        spellcheck: "false",
      },
      handleKeyDown: (view, event) => {
        const mods = event.ctrlKey || event.metaKey || event.altKey;
        if (!mods && (event.key === "a" || event.key === "A") && !view.state.selection.empty) {
          event.preventDefault();
          latest.current.onAnnotateKey();
          return true;
        }
        // Tab leaves the text (to the Annotate button); other editing keys do nothing.
        if (event.key === "Tab") return false;
        return EDIT_KEYS.has(event.key);
      },
      // ProseMirror calls this for a click, not for the end of a drag selection.
      handleClick: (_view, pos) => {
        latest.current.onClickOffset(latest.current.index.fromPm(pos));
        return false;
      },
    },
    onSelectionUpdate: ({ editor: e }) => {
      const { from, to, empty } = e.state.selection;
      if (empty) return latest.current.onSelection(null);
      const index = latest.current.index;
      const coords = e.view.coordsAtPos(to);
      latest.current.onSelection({ start: index.fromPm(from), end: index.fromPm(to), rect: { top: coords.bottom, left: coords.left } });
    },
    onCreate: ({ editor: e }) => latest.current.onReady(e.view.dom as HTMLElement, e.view),
  });

  return editor ? <EditorContent editor={editor} /> : <p className="muted" role="status">Loading text…</p>;
}
