// The one local server of bench/peers.bench.mjs, on 127.0.0.1: the benchmark pages (/page/<id>), the libraries'
// bundles (/lib/<id>.js), and every library's endpoint under /sink/<id>/…, which counts the distinct `bench_id`s
// it receives per library, answers each at once with the 200 body that library expects, and can be switched per
// library "down" (503). Bodies are decoded whatever the library's format (gzip, form fields, base64), then scanned
// for ids, so the count needs no per-library parser.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { adapters, extraFiles } from './adapters.mjs';

const ID = /bench~[a-z0-9]+~\d+/g;

/** Every readable form of a request body, joined: raw, gunzipped, URL-decoded form fields, base64-decoded. */
function texts(buf, url) {
  const out = [];
  const add = (b) => {
    if (b.length > 1 && b[0] === 0x1f && b[1] === 0x8b) {
      try { b = gunzipSync(b); } catch { /* not gzip after all */ }
    }
    const s = b.toString('utf8');
    out.push(s);
    for (const part of `${s}&${url.split('?')[1] ?? ''}`.split('&')) {
      const value = part.slice(part.indexOf('=') + 1);
      let decoded = value;
      try { decoded = decodeURIComponent(value.replace(/\+/g, ' ')); } catch { /* keep raw */ }
      out.push(decoded);
      if (/^[A-Za-z0-9+/=_-]{16,}$/.test(decoded)) out.push(Buffer.from(decoded, 'base64').toString('utf8'));
    }
  };
  add(buf);
  return out.join('\n');
}

/** What each library expects back from its endpoint (or settings URL) on success. */
function answer(id, rest, key, origin) {
  if (id === 'amplitude') return { code: 200, events_ingested: 1, payload_size_bytes: 1, server_upload_time: Date.now() };
  if (id === 'posthog' || id === 'mixpanel') return { status: 1 };
  if (id === 'waymark' || id === 'waymark-tracker') return { accepted: 0, duplicates: [], rejected: [] };
  if (id === 'segment-cdn' && rest.includes('/settings')) {
    return { integrations: { 'Segment.io': { apiKey: key, apiHost: `${origin.replace(/^http:\/\//, '')}/sink/segment/v1`, protocol: 'http' } }, plan: { track: { __default: { enabled: true } } }, edgeFunction: {}, analyticsNextEnabled: true };
  }
  if (id === 'rudderstack-config') {
    return { isHosted: false, source: { id: 'bench-source', name: 'bench', writeKey: key, workspaceId: 'bench', enabled: true, config: {}, destinations: [] }, updatedAt: new Date().toISOString() };
  }
  return { ok: true };
}

/** Starts the sink; `key` is the write key / token given to every library. */
export async function startSink({ key }) {
  const bundles = Object.fromEntries(adapters.map((a) => [a.id, readFileSync(a.file)]));
  bundles['mixpanel-snippet'] = readFileSync(extraFiles['mixpanel-snippet']);
  const received = new Map(); // library id → Set of bench_ids
  const down = new Set();
  const requests = new Map(); // library id → request count
  let origin = '';
  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-credentials': 'true', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*', 'access-control-allow-methods': 'GET,POST,OPTIONS' };
    const url = req.url ?? '/';
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const page = /^\/page\/([a-z-]+)/.exec(url);
    if (page) {
      const a = adapters.find((x) => x.id === page[1]);
      return res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><meta charset="utf-8"><title>bench</title>${a.head}<body>bench</body>`);
    }
    const lib = /^\/lib\/([a-z-]+)\.js/.exec(url);
    if (lib && bundles[lib[1]]) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundles[lib[1]]);
    const bundle = /^\/sink\/segment-cdn\/analytics-next\/bundles\/([\w.-]+\.js)/.exec(url);
    if (bundle) {
      try { return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(extraFiles.segmentBundles, bundle[1]))); } catch { /* 404 below */ }
    }
    const sink = /^\/sink\/([a-z-]+)(.*)$/.exec(url);
    if (!sink) return res.writeHead(404, cors).end();
    const [, id, rest] = sink;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.set(id, (requests.get(id) ?? 0) + 1);
      if (down.has(id)) return res.writeHead(503, { ...cors, 'content-type': 'application/json' }).end('{"error":"down"}');
      const set = received.get(id) ?? new Set();
      received.set(id, set);
      for (const m of texts(Buffer.concat(chunks), url).matchAll(ID)) set.add(m[0]);
      res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(answer(id, rest, key, origin)));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    /** Distinct ids received for library `id` whose tag is `tag`. */
    count: (id, tag) => [...(received.get(id) ?? [])].filter((x) => x.startsWith(`bench~${tag}~`)).length,
    requests: (id) => requests.get(id) ?? 0,
    setDown: (id, isDown) => (isDown ? down.add(id) : down.delete(id)),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
