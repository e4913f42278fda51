"use client";
import { Fragment, useEffect, useRef, useState } from "react";

/** One shortcut as the help overlay lists it: its keys (each a <kbd>), what it does, and where it works. */
export type TShortcut = { keys: readonly string[]; does: string };
export type TShortcutGroup = { title: string; when?: string; shortcuts: readonly TShortcut[] };

/**
 * True where a key types or edits (a field, a select, a rich-text editor): page shortcuts leave it
 * alone there. The document text is editable only to have a caret (annotatable-text.tsx) and types
 * nothing, so shortcuts work in it.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest("input, textarea, select")) return true;
  return target.isContentEditable && !target.closest(".document-text");
}

/**
 * Calls `keys[event.key]` for a key pressed anywhere on the page, except while typing, with Ctrl,
 * Alt or Meta held (the browser's and the system's own shortcuts), or inside an open dialog (the
 * page behind a modal is inert). `when` narrows where the keys apply (e.g. inside one form).
 * Letters match either case, so Caps Lock does not disable them.
 */
export function useShortcutKeys(keys: Record<string, () => void>, options: { when?: (target: Element) => boolean } = {}) {
  const latest = useRef({ keys, when: options.when });
  useEffect(() => {
    latest.current = { keys, when: options.when };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (isTypingTarget(target) || target?.closest("dialog")) return;
      const { keys: handlers, when } = latest.current;
      if (when && !(target && when(target))) return;
      const handler = handlers[event.key] ?? handlers[event.key.toLowerCase()];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

/**
 * The keyboard shortcut help: a "Keyboard shortcuts" button and the `?` key open a modal dialog
 * listing every shortcut of the page (native <dialog>: focus stays inside, Escape closes); closing
 * it returns focus to where it was.
 */
export function ShortcutHelp(props: { groups: readonly TShortcutGroup[] }) {
  const [open, setOpen] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  const show = () => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  };
  useShortcutKeys({ "?": show });
  const close = () => {
    setOpen(false);
    returnTo.current?.focus({ preventScroll: true });
    returnTo.current = null;
  };
  return (
    <>
      <button type="button" className="button link shortcut-help-button" aria-haspopup="dialog" onClick={show}>
        Keyboard shortcuts <kbd>?</kbd>
      </button>
      {open && <ShortcutDialog groups={props.groups} onClose={close} />}
    </>
  );
}

function ShortcutDialog(props: { groups: readonly TShortcutGroup[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog shortcut-dialog" aria-labelledby="shortcut-help-title" onClose={props.onClose}>
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <p className="hint">Shortcuts do nothing while you type in a field. Escape closes this list.</p>
      {props.groups.map((group) => (
        <section key={group.title} aria-labelledby={`shortcut-group-${slug(group.title)}`}>
          <h3 id={`shortcut-group-${slug(group.title)}`}>{group.title}</h3>
          {group.when && <p className="hint">{group.when}</p>}
          <dl className="shortcut-list">
            {group.shortcuts.map((s) => (
              <div key={s.does}>
                <dt>
                  {s.keys.map((k, i) => (
                    <Fragment key={k}>
                      {i > 0 && " or "}
                      <Keys keys={k} />
                    </Fragment>
                  ))}
                </dt>
                <dd>{s.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <form method="dialog" className="toolbar">
        <button type="submit" className="button primary">
          Close
        </button>
      </form>
    </dialog>
  );
}

/** "Shift + arrows" as two keys pressed together. */
function Keys({ keys }: { keys: string }) {
  return keys.split(" + ").map((k, i) => (
    <Fragment key={k}>
      {i > 0 && " + "}
      <kbd>{k}</kbd>
    </Fragment>
  ));
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
