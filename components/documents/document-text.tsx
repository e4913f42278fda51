"use client";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useMemo } from "react";
import { textToDoc } from "@/lib/documents/prosemirror";

/** The document's canonical text in a read-only tiptap view. */
export function DocumentText({ text, label }: { text: string; label: string }) {
  const content = useMemo(() => textToDoc(text), [text]);
  const editor = useEditor({
    extensions: [StarterKit.configure({ undoRedo: false, dropcursor: false, gapcursor: false, trailingNode: false })],
    content,
    editable: false,
    immediatelyRender: false,
    editorProps: { attributes: { class: "document-text", "aria-label": label, "aria-readonly": "true", role: "document" } },
  });

  return (
    <section aria-label="Document text" className="document-region">
      {editor ? <EditorContent editor={editor} /> : <p className="muted" role="status">Loading text…</p>}
    </section>
  );
}
