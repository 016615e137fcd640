/** SendLock adapter over the Web Locks API: one tab of the origin sends at a time; without it every tab sends (ids make that safe). */
import type { SendLock } from '../ports.js';

export function createWebLock(name: string): SendLock {
  const locks = globalThis.navigator?.locks;
  return { run: async (task) => void (locks ? await locks.request(name, task) : await task()) };
}
