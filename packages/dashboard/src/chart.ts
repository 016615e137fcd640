/** Charts with uPlot: time series as lines or (stacked) bars, and histograms; each sized to its container. */
import uPlot from 'uplot';
import { el } from './dom.js';
import { num } from './format.js';
import { stack } from './stack.js';

export interface ChartSeries {
  label: string;
  values: ReadonlyArray<number | null>;
  /** CSS colour. */
  color: string;
}

export interface ChartOptions {
  /** Accessible name of the chart (the data is also in the table beside it). */
  label: string;
  /** x values: epoch seconds for time charts, else bin positions. */
  x: readonly number[];
  series: ChartSeries[];
  /** @default 'lines' */
  kind?: 'lines' | 'bars' | 'stacked';
  /** @default true */
  time?: boolean;
  /** Tick labels for a non-time x axis. */
  xLabels?: readonly string[];
  /** @default 240 */
  heightPx?: number;
  /** y axis values formatter. @default num */
  yFormat?: (v: number) => string;
}

export function chart(options: ChartOptions): HTMLElement {
  const { x, series, kind = 'lines', time = true, heightPx = 240, yFormat = num } = options;
  const box = el('div', { className: 'chart', role: 'img', 'aria-label': options.label });
  const raw = series.map((s) => s.values);
  const drawn = kind === 'stacked' ? stack(raw) : raw.map((v) => [...v]);
  // Stacked bars: the widest band first so each narrower one is painted over it.
  const order = series.map((_, i) => i);
  const peak = (i: number) => Math.max(0, ...drawn[i]!.map((v) => Math.abs(v ?? 0)));
  if (kind === 'stacked') order.sort((a, b) => peak(b) - peak(a));
  const bars = kind !== 'lines' ? uPlot.paths.bars!({ size: [0.7, 60], align: 0 }) : undefined;
  const opts: uPlot.Options = {
    width: 600,
    height: heightPx,
    // Counts: the y axis always includes zero (a bar or a line is read against it).
    scales: { x: { time }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] } },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    axes: [
      time ? {} : { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? options.xLabels?.[v] ?? String(v) : '')) },
      { values: (_u, splits) => splits.map(yFormat), size: 60 },
    ],
    series: [
      {},
      ...order.map((i) => ({
        label: series[i]!.label,
        stroke: series[i]!.color,
        fill: kind === 'lines' ? undefined : series[i]!.color,
        width: kind === 'lines' ? 2 : 0,
        paths: bars,
        points: { show: kind === 'lines' && x.length < 40 },
        value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) => (idx === null ? '–' : num(raw[i]![idx] ?? null)),
      })),
    ],
  };
  const data = [[...x], ...order.map((i) => drawn[i]!)] as uPlot.AlignedData;
  const plot = new uPlot(opts, data, box);
  // Sized to the container once it is in the page and whenever it changes (phone width included).
  const resize = () => {
    const width = Math.max(240, box.clientWidth);
    if (Math.abs(width - plot.width) > 2) plot.setSize({ width, height: heightPx });
  };
  new ResizeObserver(resize).observe(box);
  return box;
}

/** A compact horizontal bar for a share (0..1) in a table cell. */
export function shareBar(share: number | null): HTMLElement {
  const fill = el('i');
  fill.style.width = `${Math.round(Math.max(0, Math.min(1, share ?? 0)) * 100)}%`;
  return el('span', { className: 'bar', 'aria-hidden': 'true' }, fill);
}
