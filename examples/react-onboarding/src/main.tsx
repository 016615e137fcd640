// The onboarding example in React: the same checklist and nudges as examples/onboarding (one shared config),
// read through @waymark/react's hooks; each component re-renders only when what it reads changes.
import { useNudge, useOnboarding, useSegments, useStatus, useWaymark, WaymarkProvider } from '@waymark/react';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { onboardingOptions, STEPS } from '../../shared/onboarding-config.js';

type Demo = { host: string; writeKey: string };
const demo: Demo = (window as unknown as { WAYMARK_DEMO?: Demo }).WAYMARK_DEMO ?? { host: 'http://127.0.0.1:8787', writeKey: 'wk_demo_public' };
const params = new URLSearchParams(location.search);
const options = onboardingOptions(demo, { flushIntervalMs: Number(params.get('flushMs') || 1000) });

function Checklist() {
  const waymark = useWaymark();
  const setup = useOnboarding('setup');
  const percent = Math.round(setup.progress * 100);
  return (
    <section className="card">
      <h2>
        Get started <small data-testid="progress-text">{setup.known ? `${setup.done} / ${setup.total}` : '…'}</small>
      </h2>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="bar">
        <div className="fill" id="fill" style={{ width: `${percent}%` }} />
      </div>
      <ol data-testid="steps">
        {STEPS.map((step) => {
          const done = setup.steps.find((s) => s.id === step.id)?.done ?? false;
          return (
            <li key={step.id} data-step={step.id} className={done ? 'done' : setup.next === step.id ? 'next' : ''}>
              {step.label}
              {!done && setup.known && (
                <button data-testid={`do-${step.id}`} onClick={() => waymark?.track(step.event)}>
                  Do it
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function NudgeBanner() {
  const waymark = useWaymark();
  const { nudge, shown, dismiss, snooze, convert } = useNudge('banner');
  // One impression per nudge on screen (StrictMode's double effect counts once).
  useEffect(() => {
    if (nudge) shown();
  }, [nudge, shown]);
  if (!nudge) return null;
  const content = nudge.content as { title: string; body: string; step?: string };
  const go = () => {
    convert();
    const step = STEPS.find((s) => s.id === content.step);
    if (step) waymark?.track(step.event);
  };
  return (
    <div className="nudge" data-testid="nudge" data-nudge={nudge.id}>
      <div>
        <strong>{content.title}</strong> <span>{content.body}</span>
      </div>
      <div className="nudge-actions">
        <button data-testid="nudge-go" onClick={go}>Do it</button>
        <button data-testid="nudge-snooze" onClick={() => snooze(60 * 60 * 1000)}>Later</button>
        <button data-testid="nudge-dismiss" aria-label="Dismiss" onClick={dismiss}>×</button>
      </div>
    </div>
  );
}

function Debug() {
  const waymark = useWaymark();
  const status = useStatus();
  const { segments } = useSegments();
  // For the console and the end-to-end test; the ready marker once the device state is known.
  useEffect(() => void ((window as unknown as { waymark?: unknown }).waymark = waymark), [waymark]);
  useEffect(() => void (status.known && (document.body.dataset.ready = 'true')), [status.known]);
  return (
    <section className="card debug">
      <h2>Debug</h2>
      <dl>
        <dt>useStatus()</dt>
        <dd data-testid="status">{`${status.status} — ${status.reason}`}</dd>
        <dt>useSegments()</dt>
        <dd data-testid="segments">{JSON.stringify(segments)}</dd>
      </dl>
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WaymarkProvider options={options}>
      <header>
        <h1>Acme Deploy (React)</h1>
      </header>
      <NudgeBanner />
      <main>
        <Checklist />
        <Debug />
      </main>
    </WaymarkProvider>
  </StrictMode>,
);
