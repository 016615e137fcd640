/** The status layer: synchronous reads of status, onboarding and nudges over in-memory facts, kept in sync in the background. */
import { DAY_MS, evaluateStatus, factsConfigOf, WAYMARK_EVENTS, type FactsConfig, type ProjectConfig, type StatusResult } from '@waymark/core';
import { attempt } from '../attempt.js';
import { createEmitter } from '../emitter.js';
import { resolveConfig } from './resolve-config.js';
import { createStatusSync } from './status-sync.js';
import type { Population } from './snapshot-sync.js';
import type { StatusHost } from './status-host.js';
import type { StatusOptions } from './status-options.js';
import { explainFor, nextNudgeFor, onboardingFor, type NudgeExplanation, type NudgeView, type OnboardingProgress, type ReadContext } from './status-reads.js';

export interface StatusApi {
  /** Lifecycle status and why, from the facts on this device (joined with the latest server snapshot). */
  status(): StatusResult;
  /** Progress through one checklist (an unknown id reads as an empty checklist). */
  onboarding(checklistId: string): OnboardingProgress;
  /** Marks a step done explicitly (tracked as `Onboarding Step Completed`). */
  completeStep(checklistId: string, stepId: string): void;
  nudges: {
    /** The nudge to show now (highest priority eligible, caps and rate limit respected), or null (always null before `ready()`). */
    next(placement?: string): NudgeView | null;
    /**
     * Call once per real impression (counts toward caps): tracks `Nudge Shown`. The nudge then stays the
     * answer of `next()` for this page even if this impression used up its cap, until dismissed, snoozed or converted.
     */
    shown(nudgeId: string): void;
    /** Never show it again (on every device, once synced): tracks `Nudge Dismissed`. */
    dismiss(nudgeId: string): void;
    /** Hide it for `snoozeMs` (default 1 day), then it may come back: tracks `Nudge Snoozed`. */
    snooze(nudgeId: string, snoozeMs?: number): void;
    /** The user did what the nudge asked: tracks `Nudge Converted`. */
    convert(nudgeId: string): void;
  };
  /** Why a nudge is or is not eligible now. */
  explain(nudgeId: string): NudgeExplanation;
  /** Server-computed segments from the latest snapshot (RFM group, persona, churn risk, custom). */
  segments(): string[];
  /** The collector's population fields for the user (RFM group, P(alive), persona) from the latest snapshot, once computed. */
  population(): Population | undefined;
  /** Calls `listener` (batched, after the current task) whenever facts, snapshot or config change. */
  subscribe(listener: () => void): () => void;
  /** Resolves once the facts and config cached on this device are loaded (no network wait). */
  ready(): Promise<void>;
  /** Fetches the server snapshot and config now; resolves when done (never rejects). */
  sync(): Promise<void>;
  /** Erases this user's status state on the device (memory and IndexedDB), e.g. after an opt-out. */
  forget(): Promise<void>;
  /** Identity verification for `userId` (the app's backend computes it); refetches the snapshot. */
  setUserHash(userId: string, userHash: string): void;
}

export function createStatus(host: StatusHost, options: StatusOptions = {}): StatusApi {
  const { checklists, nudges, statusRules: status, remoteConfig } = options;
  const local: ProjectConfig = { ...options.config, ...(checklists && { checklists }), ...(nudges && { nudges }), ...(status && { status }) };
  type Resolved = { from: unknown; config: ProjectConfig; facts: FactsConfig };
  let resolved: Resolved | undefined;
  /** The effective config, recomputed only when the collector's copy changed. */
  const config = (): Resolved => {
    const remote = sync.state.remote?.config;
    if (!resolved || resolved.from !== remote) {
      const merged = resolveConfig(local, remote as Partial<ProjectConfig> | undefined);
      resolved = { from: remote, config: merged, facts: factsConfigOf(merged) };
    }
    return resolved;
  };

  /** Subscribers (a throwing one is isolated by the emitter), called once per task with changes. */
  const subscribers = createEmitter<{ change: undefined }>();
  let queued = false;
  const changed = () => {
    if (queued) return;
    queued = true;
    void Promise.resolve().then(() => {
      queued = false;
      subscribers.emit('change', undefined);
    });
  };

  const sync = createStatusSync(host, () => config().facts, changed);
  // Never let the status layer break tracking.
  host.onEvent((event) => attempt(() => sync.fold(event)));

  const started = (async () => {
    await Promise.all([host.ready().catch(() => undefined), sync.restore()]);
    if (options.userHash) {
      const { userId } = host.user();
      if (userId !== undefined) sync.setUserHash(userId, options.userHash);
    }
  })().catch(() => undefined);
  /** Config revalidation and snapshot fetch; at start only when the cached copies are older than their max age. */
  const refresh = (force: boolean) =>
    started
      .then(() => {
        const checked = sync.state.remote?.checkedAtMs;
        return Promise.all([
          remoteConfig !== false &&
            (force || checked === undefined || host.now() - checked >= (options.configMaxAgeMs ?? 300_000)) &&
            sync.refreshConfig(),
          sync.refreshSnapshot(force, options.snapshotMaxAgeMs ?? 60_000),
        ]);
      })
      .then(
        () => undefined,
        () => undefined,
      );
  void refresh(false);

  const track = (name: string, properties: Record<string, string | number>) => attempt(() => host.track(name, properties), undefined);
  /** Tracks `name` about one nudge. */
  const about = (name: string) => (nudgeId: string) => track(name, { nudgeId });
  const context = (): ReadContext => {
    const { facts, segments, owner } = sync.current();
    const c = config().config;
    const userKey = owner?.userId ?? owner?.anonymousId ?? '';
    return { facts, segments, config: c, now: host.now(), userKey, checklists: c.checklists, statusRules: c.status, rateLimit: c.rateLimit };
  };
  const heldOut = new Set<string>();
  /** Nudges shown by this page (most recent first): they stay the answer of `next()` until dismissed, snoozed or converted. */
  const onScreen = new Set<string>();

  return {
    status: () => attempt(() => evaluateStatus(sync.current().facts, config().config.status, host.now()), { status: 'new', reason: 'status unavailable' }),
    onboarding: (checklistId) =>
      attempt(() => onboardingFor(context(), checklistId), { id: checklistId, done: 0, total: 0, progress: 0, complete: false, next: null, completedAt: 0, steps: [] }),
    completeStep: (checklistId, stepId) => track(WAYMARK_EVENTS.stepCompleted, { checklistId, stepId }),
    nudges: {
      next: (placement) =>
        attempt(() => {
          // Caps, dismissals and snoozes are unknown until the stored state is read: no nudge before that.
          if (!sync.restored()) return null;
          const { nudge, heldOut: skipped } = nextNudgeFor(context(), placement, [...onScreen].reverse());
          for (const id of skipped) {
            if (heldOut.has(id)) continue;
            heldOut.add(id);
            track('Nudge Held Out', { nudgeId: id });
          }
          return nudge;
        }, null),
      shown(nudgeId) {
        onScreen.delete(nudgeId);
        onScreen.add(nudgeId);
        track(WAYMARK_EVENTS.nudgeShown, { nudgeId });
      },
      dismiss: about(WAYMARK_EVENTS.nudgeDismissed),
      snooze: (nudgeId, snoozeMs = DAY_MS) => track(WAYMARK_EVENTS.nudgeSnoozed, { nudgeId, snoozeMs, until: host.now() + snoozeMs }),
      convert: about(WAYMARK_EVENTS.nudgeConverted),
    },
    explain: (nudgeId) => attempt(() => explainFor(context(), nudgeId), { id: nudgeId, eligible: false, holdout: false, reasons: ['explain unavailable'] }),
    segments: () => attempt(() => sync.current().segments.slice(), []),
    population: () => attempt(() => sync.current().population, undefined),
    subscribe: (listener) => subscribers.on('change', listener),
    ready: () => started,
    sync: () => refresh(true),
    forget: () => sync.forget().catch(() => undefined),
    setUserHash(userId, userHash) {
      attempt(() => {
        sync.setUserHash(userId, userHash);
        if (host.user().userId === userId) void sync.refreshSnapshot(true);
      }, undefined);
    },
  };
}
