import { describe, expect, it } from 'vitest';
import { prepareEvent, type PrepareContext } from './prepare-event.js';

const R = Date.UTC(2026, 10, 25, 12, 0, 0);
const ctx: PrepareContext = { receivedAtMs: R, maxPastMs: 365 * 86_400_000, maxFutureMs: 86_400_000 };
const iso = (ms: number) => new Date(ms).toISOString();
const track = (extra: Record<string, unknown> = {}) => ({ type: 'track', event: 'Clicked', messageId: 'm1', anonymousId: 'a', timestamp: iso(R - 5000), ...extra });

describe('prepareEvent', () => {
  it('corrects a fast device clock with sentAt and keeps the original timestamp', () => {
    const r = prepareEvent(track({ timestamp: iso(R + 3_600_000 - 5000), sentAt: iso(R + 3_600_000) }), ctx);
    expect(r.ok && r.event.timestampMs).toBe(R - 5000);
    expect(r.ok && r.event.originalTimestamp).toBe(iso(R + 3_600_000 - 5000));
    expect(r.ok && r.event.wire.timestamp).toBe(iso(R - 5000));
  });

  it('uses the batch sentAt when the event has none', () => {
    const r = prepareEvent(track({ timestamp: iso(R - 10_000) }), { ...ctx, batchSentAtMs: R - 9000 });
    expect(r.ok && r.event.timestampMs).toBe(R - 1000);
  });

  it.each([
    ['far future even after correction', track({ timestamp: iso(R + 3 * 86_400_000) }), 'out of range'],
    ['older than the past window', track({ timestamp: iso(R - 400 * 86_400_000) }), 'out of range'],
    ['larger than 32 KB', track({ properties: { blob: 'x'.repeat(33 * 1024) } }), 'larger than'],
    ['nested too deep', track({ properties: JSON.parse('{"a":'.repeat(11) + '1' + '}'.repeat(11)) }), 'nesting'],
    ['a prototype key anywhere', track({ context: JSON.parse('{"__proto__":{"polluted":1}}') }), '__proto__'],
  ])('rejects an event %s, reporting its messageId', (_label, raw, fragment) => {
    const r = prepareEvent(raw, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(fragment);
      expect(r.messageId).toBe('m1');
    }
  });

  it('never stores the client-reported IP', () => {
    const r = prepareEvent(track({ context: { ip: '203.0.113.7', locale: 'fr' } }), ctx);
    expect(r.ok && r.event.payload).not.toContain('203.0.113.7');
    expect(r.ok && JSON.parse(r.event.payload).context).toEqual({ locale: 'fr' });
  });

  it('fills a deterministic messageId when the client sent none', () => {
    const { messageId: _, ...noId } = track();
    const a = prepareEvent(structuredClone(noId), ctx);
    const b = prepareEvent(structuredClone(noId), ctx);
    expect(a.ok && a.event.messageId).toMatch(/^srv-[0-9a-f]{16}$/);
    expect(a.ok && b.ok && a.event.messageId === b.event.messageId).toBe(true);
  });
});

describe('prepareEvent guards fields outside the schema too', () => {
  it.each([
    ['a prototype key inside integrations', { integrations: JSON.parse('{"x":{"__proto__":{"y":1}}}') }, 'integrations.x.__proto__'],
    ['a top-level constructor key', { constructor: { a: 1 } }, 'constructor'],
    ['deep nesting in _metadata', { _metadata: JSON.parse('{"a":'.repeat(11) + '1' + '}'.repeat(11)) }, 'nesting'],
  ])('rejects %s', (_label, extra, fragment) => {
    const r = prepareEvent(track(extra), ctx);
    expect(r.ok === false && r.reason).toContain(fragment);
  });
});
