/** Core's facts algebra (reduceEvents / mergeFacts / emptyFacts) behind the storage's `FactsReducer`. */
import { emptyFacts, mergeFacts, reduceEvents, type Facts, type FactsConfig } from '@waymark/core';
import type { FactsReducer } from '../storage/storage.js';

export function coreFactsReducer(config: FactsConfig = {}): FactsReducer {
  return {
    empty: () => emptyFacts(),
    reduce: (facts, events) => reduceEvents(facts as Facts, events, config),
    merge: (a, b) => mergeFacts(a as Facts, b as Facts),
  };
}
