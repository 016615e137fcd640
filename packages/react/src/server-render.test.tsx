// Server rendering in plain Node (no window, no document, no IndexedDB): the provider creates no instance and
// every hook renders its documented "unknown" state.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { freshOptions } from './test-collector.js';
import { useNudge, useOnboarding, useSegments, useStatus, useWaymark, WaymarkProvider } from './index.js';

function Page() {
  const waymark = useWaymark();
  const status = useStatus();
  const setup = useOnboarding('setup');
  const { nudge, known } = useNudge('banner');
  const { segments } = useSegments();
  return (
    <main>
      <p>{`instance ${waymark === null ? 'none' : 'created'}`}</p>
      <p>{`status ${status.status} (${status.known})`}</p>
      <p>{`setup ${setup.known ? `${setup.done}/${setup.total}` : 'unknown'}`}</p>
      <p>{`nudge ${known ? (nudge?.id ?? 'none') : 'unknown'}`}</p>
      <p>{`segments ${segments.length}`}</p>
    </main>
  );
}

describe('server rendering', () => {
  it('renders the unknown state without touching browser globals', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(<WaymarkProvider options={freshOptions()}><Page /></WaymarkProvider>);
    expect(html).toBe(
      '<main><p>instance none</p><p>status unknown (false)</p><p>setup unknown</p><p>nudge unknown</p><p>segments 0</p></main>',
    );
  });
});
