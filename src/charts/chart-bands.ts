import type uPlot from 'uplot';

/**
 * Shaded bands around chart lines (a group's mean ± std, or its min–max). uPlot draws a band as a fill between
 * two series, so each banded line adds an upper and a lower series after the visible ones; they have no
 * stroke and no legend entry, and they hide with the line they belong to.
 */

export interface SeriesBand {
  /** Same length and x values as the line's. */
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export interface BandLine {
  /** Index of the line (in the chart's series) this edge belongs to. */
  owner: number;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
}

/** Upper then lower edge of every banded line, in line order. */
export function bandLines(series: readonly { xs: ArrayLike<number>; band?: SeriesBand }[]): BandLine[] {
  return series.flatMap((s, owner) =>
    s.band
      ? [
          { owner, xs: s.xs, ys: s.band.upper },
          { owner, xs: s.xs, ys: s.band.lower },
        ]
      : [],
  );
}

/** A see-through fill of a line's colour (hex colours get an alpha byte; others are used as they are). */
export function bandFill(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}33` : color;
}

/**
 * uPlot's series options for the edges and its `bands` option. `lineCount` is the number of visible lines
 * (uPlot's series 0 is x, so line i is series i + 1 and the edges follow the lines).
 */
export function bandOptions(
  lines: readonly BandLine[],
  lineCount: number,
  colorOf: (owner: number) => string,
): { series: uPlot.Series[]; bands: uPlot.Band[] } {
  const series = lines.map((): uPlot.Series => ({
    stroke: 'transparent',
    width: 0,
    spanGaps: true,
    points: { show: false },
  }));
  const bands: uPlot.Band[] = [];
  for (let k = 0; k < lines.length; k += 2) {
    const upper = lineCount + 1 + k;
    bands.push({ series: [upper, upper + 1], fill: bandFill(colorOf(lines[k].owner)) });
  }
  return { series, bands };
}
