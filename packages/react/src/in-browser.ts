/** The one place the binding asks where it runs: no instance is created (nothing touches `window`) on the server. */
export const inBrowser = (): boolean => typeof window !== 'undefined' && typeof document !== 'undefined';
