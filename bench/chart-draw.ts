/**
 * The "chart draw" baseline: uPlot alone drawing the same 10 runs × N points, already decimated (min/max onto a
 * shared grid of two slots per pixel column, as <metric-chart> feeds it), so only the drawing is on the clock.
 */
import uPlot from 'uplot';
import { alignOnGrid } from '../src/charts/decimate';
import { seededValues, timeMs } from './timing';

const WIDTH = 800;
const HEIGHT = 300;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

export async function chartUplotDecimated({ runs, points }: { runs: number; points: number }): Promise<number> {
  const steps = Float64Array.from({ length: points }, (_, i) => i);
  const series = Array.from({ length: runs }, (_, r) => {
    const noise = seededValues(points, 10 + r);
    return { xs: steps, ys: noise.map((n, i) => 1 / (1 + i / 1000) + 0.05 * n + r * 0.01) };
  });
  const { xs, ys } = alignOnGrid(series, 0, points - 1, WIDTH);
  const data = [xs, ...ys] as uPlot.AlignedData;
  const container = document.createElement('div');
  document.body.append(container);
  const options: uPlot.Options = {
    width: WIDTH,
    height: HEIGHT,
    scales: { x: { time: false } },
    series: [{}, ...series.map((_, r) => ({ label: `run ${r}`, stroke: `hsl(${r * 36} 70% 45%)`, spanGaps: true }))],
  };
  let plot: uPlot | null = null;
  try {
    return await timeMs(async () => {
      plot = new uPlot(options, data, container);
      await nextFrame();
    });
  } finally {
    (plot as uPlot | null)?.destroy();
    container.remove();
  }
}
