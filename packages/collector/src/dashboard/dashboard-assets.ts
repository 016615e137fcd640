/**
 * The dashboard: one static page, its script and its style, served by the collector itself (no build step,
 * no dependency, the same on Node and on the edge). The page holds no data: its script reads the secret key
 * from the `#key=` fragment (never sent to the server, removed from the address bar) or a form, keeps it in
 * sessionStorage, and calls the secret-key API (`/v1/admin/project`, `/v1/admin/analytics/overview`,
 * `/v1/admin/config/lift`). User data (event names, ids) is only ever written with textContent.
 */

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Waymark dashboard</title>
<link rel="stylesheet" href="/dashboard/app.css">
<script src="/dashboard/app.js" defer></script>
</head>
<body>
<header><h1>Waymark</h1><span id="project"></span><span id="as-of"></span>
<label><input type="checkbox" id="auto" checked> refresh every 10 s</label><button id="sign-out" hidden>Forget key</button></header>
<form id="key-form" hidden><label>Secret key <input id="key" type="password" autocomplete="off" required></label><button>Open</button></form>
<p id="error" role="alert" hidden></p>
<main id="main" hidden>
<section class="cards" id="cards"></section>
<section><h2>Lifecycle</h2><div id="lifecycle-bar" class="stack"></div><table id="lifecycle"></table></section>
<section><h2>Daily active people</h2><div id="daily" class="columns"></div></section>
<section><h2>Onboarding</h2><div id="onboarding"></div></section>
<section><h2>Segments</h2><table id="segments"></table></section>
<section><h2>Top events</h2><table id="events"></table></section>
<section><h2>Nudge lift</h2><table id="lift"></table></section>
</main>
</body>
</html>
`;

export const DASHBOARD_CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{display:flex;gap:16px;align-items:baseline;padding:12px 24px;background:#1d2330;color:#fff}
header h1{font-size:18px;margin:0}#as-of{opacity:.7;margin-right:auto}
main,form,#error{padding:16px 24px}#error{color:#a40000}
section{background:#fff;border-radius:8px;padding:12px 16px;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:12px;background:none;padding:0}
.card{background:#fff;border-radius:8px;padding:12px}.card b{display:block;font-size:22px}
h2{font-size:15px;margin:0 0 8px}table{border-collapse:collapse;min-width:50%}
td,th{text-align:left;padding:3px 12px 3px 0;border-bottom:1px solid #eee}td.n{text-align:right;font-variant-numeric:tabular-nums}td.empty{color:#888}
.stack{display:flex;height:18px;border-radius:4px;overflow:hidden;margin-bottom:8px}
.columns{display:flex;align-items:flex-end;gap:2px;height:120px}.columns div{flex:1;background:#3b6fd8;min-height:1px}
.bar{background:#e6eaf2;border-radius:3px;height:10px;width:240px}.bar i{display:block;height:100%;background:#3b6fd8;border-radius:3px}
.new{background:#7fb3ff}.active{background:#3b6fd8}.loyal{background:#1c8a4e}.dormant{background:#e0a526}.churned{background:#c0392b}.resurrected{background:#8e44ad}
`;

export const DASHBOARD_JS = `'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const STATUSES = ['new', 'active', 'loyal', 'dormant', 'churned', 'resurrected'];
  const KEY = 'waymark.dashboard.key';
  let timer;
  const el = (tag, props = {}, ...children) => {
    const { dataset, ...rest } = props;
    const node = Object.assign(document.createElement(tag), rest);
    Object.assign(node.dataset, dataset);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  };
  const num = (x) => (x === null || x === undefined ? '–' : Number.isInteger(x) ? x.toLocaleString() : x.toLocaleString(undefined, { maximumFractionDigits: 2 }));
  const pct = (x) => (x === null || x === undefined ? '–' : (x * 100).toFixed(1) + '%');
  const rows = (table, head, body) => table.replaceChildren(el('tr', {}, ...head.map((h) => el('th', {}, h))),
    ...(body.length ? [] : [el('tr', {}, el('td', { colSpan: head.length, className: 'empty' }, 'none yet'))]),
    ...body.map((r) => el('tr', {}, ...r.map((v) => (typeof v === 'number' || v === null ? el('td', { className: 'n' }, num(v)) : v instanceof Node ? el('td', {}, v) : el('td', {}, v))))));
  const bar = (share) => { const i = el('i'); i.style.width = Math.round(Math.max(0, Math.min(1, share || 0)) * 100) + '%'; return el('div', { className: 'bar' }, i); };

  async function api(path) {
    const res = await fetch(path, { headers: { authorization: 'Bearer ' + sessionStorage.getItem(KEY) }, cache: 'no-store' });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(body.reason || 'HTTP ' + res.status), { status: res.status });
    return body;
  }

  function render(project, o, lift) {
    $('project').textContent = project.name;
    $('as-of').textContent = 'as of ' + new Date(o.asOf).toLocaleString();
    const a = o.activity;
    $('cards').replaceChildren(...[
      ['People', o.people.total], ['Identified', o.people.identified], ['Anonymous', o.people.anonymous],
      ['DAU', a.dau], ['WAU', a.wau], ['MAU', a.mau], ['Stickiness (DAU/MAU)', pct(a.stickiness)],
      ['Events', o.events.total], ['Purchases', o.events.purchases], ['Revenue', o.events.revenue],
    ].map(([label, value]) => el('div', { className: 'card', dataset: { metric: label } }, el('b', {}, typeof value === 'number' ? num(value) : value), label)));
    const total = o.people.total || 1;
    $('lifecycle-bar').replaceChildren(...STATUSES.filter((s) => o.lifecycle[s]).map((s) => {
      const d = el('div', { className: s, title: s + ': ' + o.lifecycle[s] });
      d.style.flex = String(o.lifecycle[s] / total);
      return d;
    }));
    rows($('lifecycle'), ['Status', 'People', 'Share'], STATUSES.map((s) => [s, o.lifecycle[s], pct(o.people.total ? o.lifecycle[s] / o.people.total : null)]));
    const peak = Math.max(1, ...a.daily.map((d) => d.active));
    $('daily').replaceChildren(...a.daily.map((d) => { const c = el('div', { title: d.date + ': ' + d.active }); c.style.height = (d.active / peak) * 100 + '%'; return c; }));
    $('onboarding').replaceChildren(...(o.onboarding.length ? o.onboarding.map((f) => {
      const t = el('table');
      rows(t, ['Step', 'People done', 'Share', ''], f.steps.map((s) => [s.id, s.done, pct(f.people ? s.done / f.people : null), bar(f.people ? s.done / f.people : 0)]));
      return el('div', { className: 'checklist', dataset: { checklist: f.id } }, el('h3', {}, f.id + ': ' + num(f.completed) + ' of ' + num(f.people) + ' completed (' + pct(f.completionRate) + ')'), t);
    }) : [el('p', {}, 'No checklists configured (PUT /v1/admin/config).')]));
    rows($('segments'), ['Segment', 'People'], o.segments.map((s) => [s.id, s.people]));
    rows($('events'), ['Event', 'Count'], o.events.top.map((e) => [e.name, e.count]));
    rows($('lift'), ['Nudge', 'Shown', 'Converted', 'Held out', 'Converted', 'Lift', 'z'], lift.nudges.map((n) =>
      [n.nudgeId, n.shown.users, pct(n.shown.rate), n.heldOut.users, pct(n.heldOut.rate), n.lift === null ? '–' : (n.lift * 100).toFixed(1) + ' pts', n.z === null ? '–' : n.z.toFixed(2)]));
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const [project, overview, lift] = await Promise.all([api('/v1/admin/project'), api('/v1/admin/analytics/overview'), api('/v1/admin/config/lift').catch(() => ({ nudges: [] }))]);
      render(project, overview, lift);
      $('error').hidden = true;
      $('main').hidden = false;
      $('sign-out').hidden = false;
    } catch (error) {
      $('error').textContent = 'Could not load: ' + error.message;
      $('error').hidden = false;
      if (error.status === 401 || error.status === 403) return signOut();
    }
    if ($('auto').checked) timer = setTimeout(refresh, 10_000);
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
    $('main').hidden = true;
    $('sign-out').hidden = true;
    $('key-form').hidden = false;
  }

  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) {
    sessionStorage.setItem(KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key-form').hidden = true;
    refresh();
  });
  $('sign-out').addEventListener('click', signOut);
  $('auto').addEventListener('change', () => ($('auto').checked ? refresh() : clearTimeout(timer)));
  if (sessionStorage.getItem(KEY)) refresh();
  else $('key-form').hidden = false;
})();
`;
