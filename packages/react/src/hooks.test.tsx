// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { createWaymark, type Waymark } from '@waymark/sdk';
import { StrictMode, useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshOptions, stubCollector } from './test-collector.js';
import { useNudge, useOnboarding, useSegments, useStatus, useWaymark, WaymarkProvider } from './index.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Lets the SDK's batched `subscribe` notification (a microtask) and React's update run. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function Progress({ renders }: { renders: { count: number } }) {
  const o = useOnboarding('setup');
  renders.count++;
  return <p data-testid="progress">{o.known ? `${o.done}/${o.total} next ${o.next}` : 'unknown'}</p>;
}

function Grab({ into }: { into: { waymark?: Waymark | null } }) {
  into.waymark = useWaymark();
  return null;
}

describe('@waymark/react hooks', () => {
  it('reads "unknown" until the instance is ready, then the device state', async () => {
    stubCollector();
    const waymark = createWaymark(freshOptions());
    function Status() {
      const s = useStatus();
      const seg = useSegments();
      return <p data-testid="status">{`${s.status} ${s.known} ${seg.known}`}</p>;
    }
    render(<WaymarkProvider instance={waymark}><Status /></WaymarkProvider>);
    expect(screen.getByTestId('status').textContent).toBe('unknown false false');
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('new true true'));
  });

  it('re-renders a component only when what it reads changed', async () => {
    stubCollector();
    const waymark = createWaymark(freshOptions());
    await waymark.ready();
    const renders = { count: 0 };
    render(<WaymarkProvider instance={waymark}><Progress renders={renders} /></WaymarkProvider>);
    await waitFor(() => expect(screen.getByTestId('progress').textContent).toBe('0/2 next a'));
    const before = renders.count;
    act(() => waymark.track('Unrelated', { n: 1 }));
    await settle();
    act(() => waymark.track('Unrelated', { n: 2 }));
    await settle();
    expect(renders.count).toBe(before);
    act(() => waymark.track('A'));
    await settle();
    expect(screen.getByTestId('progress').textContent).toBe('1/2 next b');
    expect(renders.count).toBe(before + 1);
  });

  it('shows the nudge; shown() counts one impression under StrictMode; dismiss hides it', async () => {
    const sent = stubCollector();
    const waymark = createWaymark(freshOptions());
    function Banner() {
      const { nudge, shown, dismiss } = useNudge('banner');
      useEffect(() => {
        if (nudge) shown();
      }, [nudge, shown]);
      return nudge ? <button data-testid="nudge" onClick={dismiss}>{String(nudge.content?.title)}</button> : <p data-testid="none">none</p>;
    }
    render(<StrictMode><WaymarkProvider instance={waymark}><Banner /></WaymarkProvider></StrictMode>);
    await waitFor(() => expect(screen.getByTestId('nudge').textContent).toBe('Do B'));
    await settle();
    act(() => screen.getByTestId('nudge').click());
    await waitFor(() => expect(screen.getByTestId('none')).toBeTruthy());
    await waymark.flush();
    const names = sent.events.filter((e) => e.type === 'track').map((e) => e.event);
    expect(names.filter((e) => e === 'Nudge Shown')).toHaveLength(1);
    expect(names).toContain('Nudge Dismissed');
  });

  it('makes one tracker under StrictMode from options: one session_start, one automatic page view', async () => {
    const sent = stubCollector();
    const options = { ...freshOptions(), autoPageViews: true };
    const grabbed: { waymark?: Waymark | null } = {};
    function App() {
      const [, rerender] = useState(0);
      useEffect(() => rerender(1), []);
      return <WaymarkProvider options={{ ...options }}><Grab into={grabbed} /></WaymarkProvider>;
    }
    const { unmount } = render(<StrictMode><App /></StrictMode>);
    const first = grabbed.waymark!;
    unmount();
    render(<StrictMode><App /></StrictMode>);
    expect(grabbed.waymark).toBe(first);
    await first.ready();
    await first.flush();
    const names = sent.events.map((e) => (e.type === 'track' ? e.event : e.type));
    expect(names.filter((n) => n === 'session_start')).toHaveLength(1);
    expect(names.filter((n) => n === 'page')).toHaveLength(1);
  });

  it('completes a step through useOnboarding and reads nothing outside a provider', async () => {
    stubCollector();
    const waymark = createWaymark(freshOptions());
    function Step() {
      const o = useOnboarding('setup');
      return <button data-testid="step" onClick={() => o.completeStep('b')}>{o.known ? `${o.done}` : 'unknown'}</button>;
    }
    render(<><WaymarkProvider instance={waymark}><Step /></WaymarkProvider><Progress renders={{ count: 0 }} /></>);
    await waitFor(() => expect(screen.getByTestId('step').textContent).toBe('0'));
    act(() => screen.getByTestId('step').click());
    await waitFor(() => expect(screen.getByTestId('step').textContent).toBe('1'));
    expect(screen.getByTestId('progress').textContent).toBe('unknown');
  });
});
