/** Background Sync adapter: asks the page's service worker (if the app registered one) to deliver later, even after the tab is gone. */

/**
 * Registers a one-off sync `tag` with the page's service worker registration, where there is one and the browser
 * has Background Sync (Chromium); elsewhere, and on any failure, nothing happens. The worker delivers on its
 * `sync` event with `@waymark/sdk/service-worker`; without that module the tag is simply never handled.
 */
export function requestBackgroundSync(tag: string): void {
  globalThis.navigator?.serviceWorker
    ?.getRegistration()
    .then((r) => (r as { sync?: { register(tag: string): Promise<void> } } | undefined)?.sync?.register(tag))
    .catch(() => undefined);
}
