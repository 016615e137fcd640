/** The dashboard's entry: sign in, then route `#/<view>/<args>?<query>` to a view rendered from the API. */
import { isApiError, isNotComputed, forgetKey } from './api.js';
import { loadRange, showControls } from './controls.js';
import { byId, el, notComputed } from './dom.js';
import { askForKey, checkKey, hasKey, takeKeyFromFragment } from './sign-in.js';
import { VIEWS } from './views/index.js';
import type { Range, View } from './views/view.js';

let range: Range = loadRange(Date.now());
let renders = 0;

function parseHash(): { view: View; args: string[]; query: URLSearchParams } {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [id = '', ...args] = path.split('/').map((p) => decodeURIComponent(p));
  const view = VIEWS.find((v) => v.id === id) ?? VIEWS[0]!;
  return { view, args, query: new URLSearchParams(search) };
}

async function route(moveFocus: boolean, fresh = false): Promise<void> {
  const token = ++renders;
  const { view, args, query } = parseHash();
  document.title = `${view.title} · Waymark`;
  for (const link of byId('nav').querySelectorAll('a')) {
    if (link.dataset.view === view.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  showControls(view, range, (next) => {
    range = next;
    void route(false);
  });
  const title = byId('view-title');
  title.textContent = view.title;
  const target = byId('view');
  target.setAttribute('aria-busy', 'true');
  let nodes: Node[];
  try {
    nodes = await view.render({ range, args, query, fresh, go: (hash) => (location.hash = hash) });
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) return signIn(`Signed out: ${error.message}`);
    nodes = [isNotComputed(error) ? notComputed(view.title, 'The collector has no result for this view yet.') : el('p', { className: 'error', role: 'alert' }, `Could not load ${view.title}: ${String((error as Error).message ?? error)}`)];
  }
  if (token !== renders) return; // a newer navigation took over
  target.replaceChildren(...nodes);
  target.removeAttribute('aria-busy');
  document.body.dataset.view = view.id;
  performance.mark(`waymark:view-drawn:${view.id}`); // read by bench/dashboard-first-view.bench.mjs
  if (moveFocus) title.focus();
}

async function signIn(reason?: string): Promise<void> {
  for (;;) {
    if (reason || !hasKey()) await askForKey(reason);
    try {
      const project = await checkKey();
      byId('project').textContent = project.name;
      break;
    } catch (error) {
      reason = isApiError(error) ? `Could not sign in: ${error.message}` : `Could not reach the collector: ${String(error)}`;
    }
  }
  byId('app').hidden = false;
  byId('sign-out').hidden = false;
  await route(false);
}

function start(): void {
  takeKeyFromFragment();
  byId('nav').replaceChildren(...VIEWS.filter((v) => !v.hidden).map((v) => el('li', {}, el('a', { href: `#/${v.id}`, 'data-view': v.id }, v.title))));
  window.addEventListener('hashchange', () => void route(true));
  byId('sign-out').addEventListener('click', () => {
    forgetKey();
    void signIn('Signed out.');
  });
  byId('refresh').addEventListener('click', () => void route(false, true));
  void signIn();
}

start();
