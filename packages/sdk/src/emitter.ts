/** A tiny typed event emitter; a throwing listener is isolated so it cannot break tracking. */
import { attempt } from './attempt.js';

export function createEmitter<Events extends object>() {
  const listeners: { [K in keyof Events]?: Set<(payload: Events[K]) => void> } = {};
  return {
    on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void {
      (listeners[type] ??= new Set()).add(listener);
      return () => void listeners[type]?.delete(listener);
    },
    emit<K extends keyof Events>(type: K, payload: Events[K]): void {
      // A listener's bug stays in the listener.
      listeners[type]?.forEach((listener) => attempt(() => listener(payload)));
    },
  };
}
