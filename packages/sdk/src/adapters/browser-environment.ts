/** Environment adapter: page, locale, timezone, user agent, and random ids. */
import type { Environment, PageContext } from '../ports.js';

/** A v4 UUID: crypto.randomUUID, which needs a secure context, else one built from crypto.getRandomValues. */
const uuid = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16),
  );

const page = (): PageContext =>
  typeof location === 'undefined'
    ? {}
    : { path: location.pathname, url: location.href, search: location.search, title: document.title, referrer: document.referrer };

export function createBrowserEnvironment(): Environment {
  let device: { locale?: string; timezone?: string; userAgent?: string } | undefined;
  return {
    context() {
      // Read at the first event, not at start: the first Intl call loads time zone data (tens of ms).
      device ??= {
        locale: globalThis.navigator?.language,
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        userAgent: globalThis.navigator?.userAgent,
      };
      return { page: page(), ...device };
    },
    uuid,
  };
}
