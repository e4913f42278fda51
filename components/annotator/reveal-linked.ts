/**
 * Brings an annotation opened from a link (the inbox) into view: its passage in the middle of the
 * text, its entry in the sticky sidebar and then its discussion, which arrives a moment later with
 * the panels' script. Returns a cleanup that stops waiting for it.
 */
export function revealLinked(entry: Element | null, passage: Element | null | undefined): () => void {
  entry?.scrollIntoView({ block: "start" });
  passage?.scrollIntoView({ block: "center" });
  if (!entry) return () => undefined;
  const showThread = () => {
    const thread = entry.querySelector(".thread");
    if (!thread) return false;
    thread.scrollIntoView({ block: "nearest" });
    // Scrolling the sidebar may have moved the page: the passage goes back to the middle.
    passage?.scrollIntoView({ block: "center" });
    return true;
  };
  if (showThread()) return () => undefined;
  const observer = new MutationObserver(() => showThread() && observer.disconnect());
  observer.observe(entry, { childList: true, subtree: true });
  const timer = window.setTimeout(() => observer.disconnect(), 10_000);
  return () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
}
