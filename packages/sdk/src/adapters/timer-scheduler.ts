/** Scheduler adapter: the host's clock, timers, microtasks and Math.random. */
import type { Scheduler } from '../ports.js';

export function createTimerScheduler(): Scheduler {
  return {
    now: Date.now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    microtask: (fn) => queueMicrotask(fn),
    random: Math.random,
  };
}
