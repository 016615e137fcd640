/** What a view is: a title, the controls it uses, and a render from the API into DOM nodes. */

export type Interval = 'day' | 'week' | 'month';

/** The date range and interval chosen in the controls (UTC dates, `YYYY-MM-DD`, both inclusive). */
export interface Range {
  from: string;
  to: string;
  interval: Interval;
}

export interface ViewContext {
  range: Range;
  /** The part of the address after the view's id (`#/members/<segment>` → `['<segment>']`). */
  args: string[];
  /** Query parameters of the address (`#/members/x?page=2`). */
  query: URLSearchParams;
  /** True when the user asked for a refresh: read past the collector's short-lived caches. */
  fresh: boolean;
  /** Moves to another address of the dashboard (`#/…`). */
  go(hash: string): void;
}

export interface View {
  id: string;
  title: string;
  /** Which controls apply: the date range, the interval (day, week, month), or the cohort interval (week, month). */
  controls: { range?: boolean; interval?: 'all' | 'cohort' };
  /** Hidden from the navigation (reached from another view, e.g. a segment's members). */
  hidden?: boolean;
  render(ctx: ViewContext): Promise<Node[]>;
}
