/**
 * Runs `fn` once the next frame has been produced. A requestAnimationFrame callback runs before that
 * frame's style, layout and paint; a message posted from it is handled as a task after them. Used to
 * end the `pv:paint` measure honestly, and to hold back React updates (closing a dialog, opening the
 * details panel, a toast) so that the frame showing a changed highlight is not kept waiting for them.
 */
export function afterNextPaint(fn: () => void): void {
  // A hidden tab produces no frames (nor animation frames): nothing to wait for.
  if (document.visibilityState === "hidden") {
    setTimeout(fn, 0);
    return;
  }
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(null);
  });
}
