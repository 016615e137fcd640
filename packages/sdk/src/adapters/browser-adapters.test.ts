// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserEnvironment } from './browser-environment.js';
import { createBrowserLifecycle } from './browser-lifecycle.js';
import { watchHistory } from './history-navigation.js';
import { createLocalStorageState } from './local-storage-state.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const setVisibility = (state: DocumentVisibilityState) => {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('browser lifecycle', () => {
  it('reports hidden on visibilitychange→hidden and pagehide, visible again as resume, and online', () => {
    const lifecycle = createBrowserLifecycle();
    const seen: string[] = [];
    lifecycle.onHidden(() => seen.push('hidden'));
    lifecycle.onResume(() => seen.push('resume'));
    lifecycle.onOnline(() => seen.push('online'));
    setVisibility('hidden');
    window.dispatchEvent(new Event('pagehide'));
    setVisibility('visible');
    window.dispatchEvent(new Event('online'));
    expect(seen).toEqual(['hidden', 'hidden', 'resume', 'online']);
  });
});

describe('history navigation', () => {
  it('calls back after pushState, replaceState and popstate, and the navigation still happens', () => {
    const listener = vi.fn();
    watchHistory(listener);
    history.pushState({}, '', '/a');
    history.replaceState({}, '', '/b?x=1');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(listener).toHaveBeenCalledTimes(3);
    expect(location.pathname + location.search).toBe('/b?x=1');
  });
});

describe('localStorage state', () => {
  it('reads and writes localStorage and hears other tabs through storage events', () => {
    const state = createLocalStorageState();
    const changed: string[] = [];
    state.watch((key) => changed.push(key));
    state.set('waymark:k', 'v');
    expect(localStorage.getItem('waymark:k')).toBe('v');
    expect(state.get('waymark:k')).toBe('v');
    window.dispatchEvent(new StorageEvent('storage', { key: 'waymark:session' }));
    expect(changed).toEqual(['waymark:session']);
    state.remove('waymark:k');
    expect(state.get('waymark:k')).toBeNull();
  });

  it('never throws when storage is blocked or full', () => {
    const fail = (name: string) => () => {
      throw new DOMException(name, name);
    };
    vi.stubGlobal('localStorage', { getItem: fail('SecurityError'), setItem: fail('QuotaExceededError'), removeItem: fail('SecurityError') });
    const state = createLocalStorageState();
    expect(() => state.set('k', 'v')).not.toThrow();
    expect(() => state.remove('k')).not.toThrow();
    expect(state.get('k')).toBeNull();
  });
});

describe('browser environment', () => {
  it('describes the page, locale and time zone, and makes distinct v4 ids even without randomUUID', () => {
    history.replaceState({}, '', '/pricing?plan=pro');
    document.title = 'Pricing';
    const env = createBrowserEnvironment();
    const context = env.context();
    expect(context.page).toMatchObject({ path: '/pricing', search: '?plan=pro', title: 'Pricing' });
    expect(context.locale).toBe(navigator.language);
    expect(context.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const real = globalThis.crypto;
    // No randomUUID (plain-HTTP pages are not secure contexts): ids come from getRandomValues.
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    const ids = new Set(Array.from({ length: 100 }, () => env.uuid()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
