/** The named RFM groups: the R×F grid (default, a partition of the 25 cells) and the R×FM table (first match wins). */

/** The ten named groups, and `others` (only reachable with a custom table; the built-in ones cover every cell). */
export type RfmGroup =
  | 'champions' | 'loyal customers' | 'potential loyalists' | 'new customers' | 'promising'
  | 'need attention' | 'about to sleep' | 'at risk' | "can't lose them" | 'hibernating' | 'others';

/** Which table names the groups. */
export type RfmTable = 'rf' | 'rfm';

type Row = [RfmGroup, rMin: number, rMax: number, xMin: number, xMax: number];

/** R×F grid (CleverTap's layout; segmentation.md §3.2(b)): every (R, F) cell in exactly one row. */
export const RF_GRID: readonly Row[] = [
  ['hibernating', 1, 2, 1, 2], ['at risk', 1, 2, 3, 4], ["can't lose them", 1, 2, 5, 5],
  ['about to sleep', 3, 3, 1, 2], ['need attention', 3, 3, 3, 3], ['loyal customers', 3, 4, 4, 5],
  ['promising', 4, 4, 1, 1], ['new customers', 5, 5, 1, 1], ['potential loyalists', 4, 5, 2, 3], ['champions', 5, 5, 4, 5],
];

/**
 * R×FM table (segmentation.md §3.2(a)), FM = (F + M) / 2, evaluated top to bottom, first match wins.
 * The published rows overlap, so the narrow rows come first (in the published order New, Promising and
 * Can't Lose Them match no cell), and Hibernating takes the published "Lost" row (R ≤ 2, FM ≤ 2) because
 * the two are identical; rows above it leave it R = 1, FM < 2. Every one of the 125 cells gets a group.
 */
export const RFM_TABLE: readonly Row[] = [
  ['new customers', 4, 5, 0, 1], ['promising', 3, 4, 0, 1], ["can't lose them", 0, 1, 4, 5], ['champions', 4, 5, 4, 5],
  ['loyal customers', 2, 5, 3, 5], ['potential loyalists', 3, 5, 1, 3], ['need attention', 2, 3, 2, 3], ['about to sleep', 2, 3, 0, 2],
  ['at risk', 0, 2, 2, 5], ['hibernating', 0, 2, 0, 2],
];

/** The group of scores (r, f, m) under `table`. @param table @default 'rf' */
export function rfmGroup(r: number, f: number, m: number, table: RfmTable = 'rf'): RfmGroup {
  const [rows, x] = table == 'rfm' ? [RFM_TABLE, (f + m) / 2] : [RF_GRID, f];
  return rows.find(([, r0, r1, x0, x1]) => r >= r0 && r <= r1 && x >= x0 && x <= x1)?.[0] ?? 'others';
}
