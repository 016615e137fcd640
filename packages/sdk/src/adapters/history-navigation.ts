/** Calls `listener` after every History API navigation (pushState, replaceState, popstate) of a single-page app. */

export function watchHistory(listener: () => void): void {
  if (typeof history === 'undefined' || typeof addEventListener !== 'function') return;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      listener();
      return result;
    };
  }
  addEventListener('popstate', listener);
}
