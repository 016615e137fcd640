export interface LoadProgress { users: number; totalUsers: number; events: number; stored: number }
export interface LoadTotals { events: number; stored: number; duplicates: number; rejected: number }

/** Loads the generated sample population through `POST /v1/batch` (see demo-load.mjs). */
export function loadPopulation(options: {
  host: string;
  writeKey: string;
  /** @default 42 */
  seed?: number;
  /** @default 3000 */
  users?: number;
  /** @default 90 */
  days?: number;
  /** @default Date.now() */
  endMs?: number;
  onProgress?: (p: LoadProgress) => void;
}): Promise<LoadTotals>;

export function readMarker(path: string): { endMs: number; done: boolean } | null;
export function writeMarker(path: string, marker: { endMs: number; done: boolean }): void;
