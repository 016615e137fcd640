import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>x</title>'));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'raw-')), { executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/`);
const r = await page.evaluate(async () => {
  const db = await new Promise((res) => { const o = indexedDB.open('raw', 1); o.onupgradeneeded = () => { const d = o.result; d.createObjectStore('events', { keyPath: 'id' }).createIndex('order', 'order'); d.createObjectStore('chunks'); d.createObjectStore('chunksIdx').createIndex('ids', 'ids', { multiEntry: true }); d.createObjectStore('strs'); }; o.onsuccess = () => res(o.result); });
  const N = 10000;
  const mk = (k) => Array.from({ length: N }, (_, i) => ({ id: `p${k}-${i}`, order: Date.now() * 1000 + i, bytes: 300, json: JSON.stringify({ type: 'track', messageId: `p${k}-${i}`, event: 'Bench Event', properties: { plan: 'pro', step: 3, source: 'bench', flags: [true, false] }, anonymousId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', timestamp: new Date().toISOString(), context: { page: { path: '/', url: 'http://127.0.0.1/', title: 'bench' }, locale: 'en-US', sessionId: 'sess', seq: i } }) }));
  const run = (stores, fn) => new Promise((res) => { const t0 = performance.now(); const tx = db.transaction(stores, 'readwrite'); fn(tx); tx.oncomplete = () => res(((performance.now() - t0) * 1000 / N).toFixed(1)); });
  const out = {};
  for (let rep = 0; rep < 2; rep++) {
    const ev = mk('a' + rep); out['records' + rep] = await run(['events'], (tx) => { const s = tx.objectStore('events'); for (const e of ev) s.add(e); });
    const ev2 = mk('b' + rep); out['chunkObjs' + rep] = await run(['chunks'], (tx) => tx.objectStore('chunks').put({ events: ev2 }, [ev2[0].order, ev2[0].id]));
    const ev3 = mk('c' + rep); out['chunkArrays' + rep] = await run(['chunks'], (tx) => tx.objectStore('chunks').put({ ids: ev3.map((e) => e.id), orders: ev3.map((e) => e.order), bytes: ev3.map((e) => e.bytes), json: ev3.map((e) => e.json) }, [ev3[0].order, 'c' + rep]));
    const ev4 = mk('d' + rep); out['chunkOneString' + rep] = await run(['chunks'], (tx) => tx.objectStore('chunks').put({ ids: ev4.map((e) => e.id), json: '[' + ev4.map((e) => e.json).join(',') + ']' }, [ev4[0].order, 'd' + rep]));
    const ev5 = mk('e' + rep); out['chunkMultiEntryIdx' + rep] = await run(['chunksIdx'], (tx) => tx.objectStore('chunksIdx').put({ ids: ev5.map((e) => e.id), json: ev5.map((e) => e.json) }, [ev5[0].order, 'e' + rep]));
    const ev6 = mk('f' + rep); out['chunkWithIdCheck' + rep] = await run(['chunks', 'events'], (tx) => { const s = tx.objectStore('events'); let n = ev6.length; for (const e of ev6) s.getKey(e.id).onsuccess = () => { if (!--n) tx.objectStore('chunks').put({ json: ev6.map((e) => e.json) }, [ev6[0].order, 'f' + rep]); }; });
  }
  return out;
});
console.log(r);
await context.close(); server.close();
