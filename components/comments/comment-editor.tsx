"use client";
import { Extension, type Editor } from "@tiptap/core";
import Mention from "@tiptap/extension-mention";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { useEffect, useId, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/** The most suggestions shown at once; typing more of the name narrows them. */
const MAX_SUGGESTIONS = 8;
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

type TSuggestion = { items: TMemberOption[]; index: number; pick: (m: TMemberOption) => void };

function matching(members: TMemberOption[], query: string): TMemberOption[] {
  const q = query.trim().toLowerCase();
  return members.filter((m) => !q || m.name.toLowerCase().includes(q) || m.email.toLowerCase().includes(q)).slice(0, MAX_SUGGESTIONS);
}

/**
 * What the editor's extensions, made once, ask of the component as it is now. The component
 * keeps it current from effects (and the listbox's state through `onShow`).
 */
class Bridge {
  members: TMemberOption[] = [];
  pending = false;
  current: TSuggestion | null = null;
  onShow: (next: TSuggestion | null) => void = () => {};
  onOpenLink: () => void = () => {};
  onSubmit: (html: string) => void = () => {};

  sync(next: { members: TMemberOption[]; pending: boolean; onShow: Bridge["onShow"]; onOpenLink: () => void; onSubmit: (html: string) => void }) {
    Object.assign(this, next);
  }
  suggestion() {
    return this.current;
  }
  show(next: TSuggestion | null) {
    this.current = next;
    this.onShow(next);
  }
  openLink() {
    this.onOpenLink();
  }
  submit(html: string) {
    if (!this.pending) this.onSubmit(html);
  }
}

function commentExtensions(bridge: Bridge) {
  return [
    StarterKit.configure({
      heading: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: "https" },
    }),
    Mention.configure({
      HTMLAttributes: { class: "mention" },
      suggestion: {
        char: "@",
        items: ({ query }) => matching(bridge.members, query),
        render: () => {
          const open = (p: SuggestionProps<TMemberOption>, keep: boolean) => {
            const index = keep ? Math.min(bridge.suggestion()?.index ?? 0, Math.max(0, p.items.length - 1)) : 0;
            bridge.show({ items: p.items, index, pick: (m) => p.command({ id: m.id, label: m.name }) });
          };
          return {
            onStart: (p) => open(p, false),
            onUpdate: (p) => open(p, true),
            onExit: () => bridge.show(null),
            onKeyDown: ({ event }: SuggestionKeyDownProps) => {
              const s = bridge.suggestion();
              if (!s || s.items.length === 0) return false;
              const n = s.items.length;
              if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                bridge.show({ ...s, index: (s.index + (event.key === "ArrowDown" ? 1 : n - 1)) % n });
                return true;
              }
              if (event.key === "Enter" || event.key === "Tab") {
                s.pick(s.items[s.index]);
                return true;
              }
              return false;
            },
          };
        },
      },
    }),
    Extension.create({
      name: "commentKeys",
      addKeyboardShortcuts: () => ({
        "Mod-k": () => {
          bridge.openLink();
          return true;
        },
        "Mod-Enter": ({ editor }) => {
          bridge.submit(editor.getHTML());
          return true;
        },
      }),
    }),
  ];
}

/** Formatting buttons: label, shortcut as ARIA and as shown, whether active, and what it does. */
const MARKS = [
  { name: "bold", label: "Bold", keys: "Control+B", shown: "Ctrl+B", run: (e: Editor) => e.chain().focus().toggleBold().run() },
  { name: "italic", label: "Italic", keys: "Control+I", shown: "Ctrl+I", run: (e: Editor) => e.chain().focus().toggleItalic().run() },
  { name: "bulletList", label: "Bulleted list", keys: "Control+Shift+8", shown: "Ctrl+Shift+8", run: (e: Editor) => e.chain().focus().toggleBulletList().run() },
  { name: "orderedList", label: "Numbered list", keys: "Control+Shift+7", shown: "Ctrl+Shift+7", run: (e: Editor) => e.chain().focus().toggleOrderedList().run() },
  { name: "blockquote", label: "Quote", keys: "Control+Shift+B", shown: "Ctrl+Shift+B", run: (e: Editor) => e.chain().focus().toggleBlockquote().run() },
] as const;

/**
 * The rich-text box of the discussion: bold, italic, links, lists, quotes, and @mentions of
 * workspace members picked from a listbox (arrow keys and Enter, or the mouse). It sends HTML; the
 * server sanitizes it (lib/comments/sanitize.ts), so nothing here is a security boundary.
 */
export function CommentEditor(props: {
  /** The text box's accessible name. */
  label: string;
  members: TMemberOption[];
  initialHtml?: string;
  submitLabel: string;
  pending: boolean;
  error?: string;
  onSubmit: (html: string) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const listboxId = `${id}-mentions`;
  const errorId = `${id}-body`;
  const [suggestion, setSuggestion] = useState<TSuggestion | null>(null);
  const [linking, setLinking] = useState<{ href: string; error?: string } | null>(null);
  // The extensions are made once; they reach the component through the bridge.
  const [bridge] = useState(() => new Bridge());
  const [extensions] = useState(() => commentExtensions(bridge));
  const editor = useEditor({
    immediatelyRender: false,
    content: props.initialHtml ?? "",
    extensions,
    editorProps: {
      attributes: { role: "textbox", "aria-multiline": "true", "aria-label": props.label, class: "comment-input" },
    },
  });

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: !!e?.isActive("bold"),
      italic: !!e?.isActive("italic"),
      bulletList: !!e?.isActive("bulletList"),
      orderedList: !!e?.isActive("orderedList"),
      blockquote: !!e?.isActive("blockquote"),
      link: !!e?.isActive("link"),
    }),
  });

  useEffect(() => {
    const onOpenLink = () => editor && setLinking({ href: (editor.getAttributes("link").href as string | undefined) ?? "" });
    bridge.sync({ members: props.members, pending: props.pending, onShow: setSuggestion, onOpenLink, onSubmit: props.onSubmit });
  }, [bridge, editor, props.members, props.pending, props.onSubmit]);

  // The suggestions' state lives on the contenteditable itself, which ProseMirror leaves alone.
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    const open = !!suggestion && suggestion.items.length > 0;
    const set = (name: string, value: string | null) => (value === null ? dom.removeAttribute(name) : dom.setAttribute(name, value));
    set("aria-autocomplete", "list");
    set("aria-controls", open ? listboxId : null);
    set("aria-activedescendant", open ? `${listboxId}-${suggestion.index}` : null);
    set("aria-invalid", props.error ? "true" : null);
    set("aria-describedby", props.error ? `${errorId}-error` : null);
  }, [editor, suggestion, listboxId, errorId, props.error]);

  function applyLink(event: React.FormEvent) {
    event.preventDefault();
    if (!editor || !linking) return;
    const href = linking.href.trim();
    if (!SAFE_LINK.test(href)) return setLinking({ ...linking, error: "Use an address starting with https://, http:// or mailto:" });
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    else chain.extendMarkRange("link").setLink({ href }).run();
    setLinking(null);
  }

  function removeLink() {
    editor?.chain().focus().extendMarkRange("link").unsetLink().run();
    setLinking(null);
  }

  const submit = () => editor && props.onSubmit(editor.getHTML());

  return (
    <div className="comment-editor">
      <div role="toolbar" aria-label="Formatting" className="format-toolbar">
        {MARKS.map((m) => (
          <button
            key={m.name}
            type="button"
            className="format-button"
            aria-pressed={active?.[m.name] ?? false}
            aria-keyshortcuts={m.keys}
            title={`${m.label} (${m.shown})`}
            disabled={!editor}
            // Keeps the selection in the text while the button is pressed.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => editor && m.run(editor)}
          >
            {m.label}
          </button>
        ))}
        <button
          type="button"
          className="format-button"
          aria-pressed={active?.link ?? false}
          aria-keyshortcuts="Control+K"
          title="Link (Ctrl+K)"
          disabled={!editor}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => bridge.openLink()}
        >
          Link
        </button>
      </div>
      {linking && (
        <form className="inline-form link-form" aria-label="Link" onSubmit={applyLink}>
          <label htmlFor={`${id}-href`}>Link address</label>
          <input
            id={`${id}-href`}
            type="text"
            inputMode="url"
            autoFocus
            value={linking.href}
            aria-invalid={linking.error ? true : undefined}
            aria-describedby={linking.error ? `${id}-href-error` : undefined}
            onChange={(e) => setLinking({ href: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                setLinking(null);
                editor?.commands.focus();
              }
            }}
          />
          <button type="submit" className="button">
            Apply
          </button>
          {active?.link && (
            <button type="button" className="button" onClick={removeLink}>
              Remove link
            </button>
          )}
          <button type="button" className="button link" onClick={() => setLinking(null)}>
            Cancel
          </button>
          <FieldError id={`${id}-href`} message={linking.error} />
        </form>
      )}
      <div className="comment-input-wrap">
        {editor ? <EditorContent editor={editor} /> : <p className="comment-input muted">Loading editor…</p>}
        {suggestion && (
          <ul id={listboxId} role="listbox" aria-label="Members to mention" className="listbox mention-listbox">
            {suggestion.items.length === 0 ? (
              <li className="muted" role="presentation">
                No member by that name
              </li>
            ) : (
              suggestion.items.map((m, i) => (
                <li
                  key={m.id}
                  id={`${listboxId}-${i}`}
                  role="option"
                  aria-selected={i === suggestion.index}
                  className={i === suggestion.index ? "active" : undefined}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => suggestion.pick(m)}
                >
                  {m.name} <span className="muted">{m.email}</span>
                </li>
              ))
            )}
          </ul>
        )}
      </div>
      <p className="hint">Type @ to mention a member. Ctrl+Enter: {props.submitLabel.toLowerCase()}.</p>
      <FieldError id={errorId} message={props.error} />
      <div className="toolbar">
        <button type="button" className="button primary" disabled={props.pending || !editor} onClick={submit}>
          {props.pending ? `${props.submitLabel}…` : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
