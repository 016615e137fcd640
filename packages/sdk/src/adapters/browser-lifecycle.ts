/**
 * PageLifecycle adapter: visibility, pagehide, and the network coming back. A page restored from the
 * bfcache or woken from a freeze becomes visible again (visibilitychange); storage events missed while
 * frozen are delivered on resume, and sessions expire lazily by time, so no other signal is needed.
 */
import type { PageLifecycle } from '../ports.js';

export function createBrowserLifecycle(): PageLifecycle {
  // Absent during server-side rendering: then nothing is listened to.
  const doc = globalThis.document as Document | undefined;
  const onWindow = (type: string, listener: () => void) => globalThis.addEventListener?.(type, listener);
  const visibility = (state: DocumentVisibilityState, listener: () => void) =>
    doc?.addEventListener('visibilitychange', () => doc.visibilityState === state && listener());
  return {
    onHidden(listener) {
      // visibilitychange→hidden is the last reliable signal on mobile (and always precedes a freeze);
      // pagehide covers desktop unloads and bfcache entries.
      visibility('hidden', listener);
      onWindow('pagehide', listener);
    },
    onResume: (listener) => visibility('visible', listener),
    onOnline: (listener) => onWindow('online', listener),
  };
}
