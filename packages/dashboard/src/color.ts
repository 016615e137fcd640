/** Heat-map cell colours with readable text (WCAG contrast), pure. */

export type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [27, 34, 48];
/**
 * The darkest shade. No background between luminance ~0.15 and ~0.25 gives 4.5:1 with either ink or white text, so
 * the scale stops at a mid blue (luminance 0.35) on which ink reads at 6:1.
 */
const DEEP: Rgb = [120, 160, 230];

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
/** WCAG relative luminance. */
export const luminance = ([r, g, b]: Rgb): number => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
export const contrast = (a: Rgb, b: Rgb): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** From white (0) to the deepest shade (1). */
export const heat = (share: number): Rgb => {
  const t = Math.max(0, Math.min(1, share));
  return WHITE.map((w, i) => Math.round(w + (DEEP[i]! - w) * t)) as unknown as Rgb;
};

/** Ink or white, whichever reads better on `background`. */
export const textOn = (background: Rgb): Rgb => (contrast(background, INK) >= contrast(background, WHITE) ? INK : WHITE);

const css = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

/** Colours a table cell by a share (0..1) with a text colour that keeps its contrast. */
export function shadeCell(cell: HTMLElement, share: number): void {
  const bg = heat(share);
  cell.style.background = css(bg);
  cell.style.color = css(textOn(bg));
}
