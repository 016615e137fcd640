// @vitest-environment happy-dom
// Hydrating server HTML in the browser: the first client render uses the same "unknown" snapshot (no mismatch),
// then the device state replaces it once the instance is ready.
import 'fake-indexeddb/auto';
import { act } from '@testing-library/react';
import { createWaymark } from '@waymark/sdk';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { freshOptions, stubCollector } from './test-collector.js';
import { useOnboarding, useStatus, WaymarkProvider } from './index.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function Page() {
  const status = useStatus();
  const setup = useOnboarding('setup');
  return <p id="out">{`${status.status} ${setup.known ? `${setup.done}/${setup.total}` : '?'}`}</p>;
}

it('hydrates server HTML without a mismatch, then shows the device state', async () => {
  stubCollector();
  const options = freshOptions();
  const container = document.createElement('div');
  container.innerHTML = renderToString(<WaymarkProvider options={options}><Page /></WaymarkProvider>);
  expect(container.textContent).toBe('unknown ?');
  document.body.appendChild(container);

  const waymark = createWaymark(options);
  waymark.track('A');
  // A client-only widget elsewhere on the page already shows the device state: the instance is ready before hydration,
  // so only the server snapshot (not the device state) can make the hydrated markup match.
  const widget = document.createElement('div');
  document.body.appendChild(widget);
  await act(async () => createRoot(widget).render(<WaymarkProvider instance={waymark}><Page /></WaymarkProvider>));
  await act(() => waymark.ready());
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(widget.textContent).toBe('new 1/2');

  const recoverable = vi.fn();
  const consoleError = vi.spyOn(console, 'error');
  await act(async () => {
    hydrateRoot(container, <WaymarkProvider instance={waymark}><Page /></WaymarkProvider>, { onRecoverableError: recoverable });
  });
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(container.textContent).toBe('new 1/2');
  await waymark.flush();
  expect(recoverable).not.toHaveBeenCalled();
  expect(consoleError).not.toHaveBeenCalled();
});
