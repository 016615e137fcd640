/**
 * An approximate median of durations in constant memory: log-spaced buckets (each 5% wider than the one before, from
 * 1 s to about 2 years), so the answer is within 2.5% of a true middle value whatever the number of values. Used
 * for the median time to each onboarding step over every profile of a project. Pure.
 */

const MIN_MS = 1000;
const RATIO = 1.05;
const BUCKETS = Math.ceil(Math.log(2 * 365 * 86_400_000 / MIN_MS) / Math.log(RATIO)) + 1;

export interface MedianSketch {
  /** Adds one duration (ms); negatives count as 0. */
  add(ms: number): void;
  /** The approximate median, or null without values. */
  median(): number | null;
  count(): number;
}

const bucketOf = (ms: number) => (ms < MIN_MS ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms / MIN_MS) / Math.log(RATIO))));
/** The geometric middle of a bucket (bucket 0 holds everything under a second). */
const valueOf = (bucket: number) => (bucket === 0 ? 0 : MIN_MS * RATIO ** (bucket - 0.5));

export function createMedianSketch(): MedianSketch {
  const counts = new Uint32Array(BUCKETS);
  let n = 0;
  return {
    add(ms) {
      counts[bucketOf(Math.max(0, ms))]!++;
      n++;
    },
    median() {
      if (!n) return null;
      const half = (n + 1) / 2;
      let seen = 0;
      for (let b = 0; b < BUCKETS; b++) {
        seen += counts[b]!;
        if (seen >= half) return Math.round(valueOf(b));
      }
      return null;
    },
    count: () => n,
  };
}
