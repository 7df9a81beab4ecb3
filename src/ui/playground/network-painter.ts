/**
 * Paints the network view — every weight's line and every unit's heatmap — on one canvas. A Chrome trace of the
 * Playground training a 6 × 8 network showed the view's 51 small canvases each written, finalized and composited
 * on every redraw (about 1,500 canvas flushes in three trainings) inside the page's update task; one canvas is
 * one flush. The units' pixels go into one atlas (a column of gridSize squares) with a single putImageData, and
 * each square is drawn scaled into its unit's place.
 */
import { cssColor, scoreColor } from '../../ml/boundary-palette';
import { totalShownUnits, weightAt, type LiveNetwork } from '../../ml/network-frame';
import { layerX, UNIT, unitY, weightSegments, type WeightSegment } from './network-geometry';
import { UNIT_SCALE, writeUnitPixels } from './unit-shading';

const POSITIVE = cssColor(scoreColor(1, UNIT_SCALE));
const NEGATIVE = cssColor(scoreColor(0, UNIT_SCALE));
/** Line widths come in this many steps, so the weights are a few dozen strokes instead of one per line. */
const WIDTH_STEPS = 16;
const THINNEST = 0.5;
const WIDEST_EXTRA = 4;
/** The units' corner radius, as --tf-radius-sm (a canvas cannot read the token without a style recalculation). */
const CORNER = 4;

/** The atlas of unit pixels, kept between paints of the same size. */
export class NetworkPainter {
  private atlas: OffscreenCanvas | null = null;
  private pixels: ImageData | null = null;

  /** Draws `network` on `canvas`, whose backing store is `scale` device pixels per CSS pixel. */
  paint(canvas: HTMLCanvasElement, network: LiveNetwork, scale: number): void {
    const ctx = canvas.getContext('2d');
    const atlas = this.fillAtlas(network);
    if (!ctx || !atlas) return;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, canvas.width / scale, canvas.height / scale);
    drawWeights(ctx, network);
    const size = network.layout.gridSize;
    ctx.save();
    ctx.beginPath();
    network.layout.layers.forEach((layer, l) => {
      for (let u = 0; u < layer.shown; u++) ctx.roundRect(layerX(l) + 1, unitY(u) + 1, UNIT - 2, UNIT - 2, CORNER - 1);
    });
    ctx.clip();
    ctx.imageSmoothingEnabled = true;
    let index = 0;
    network.layout.layers.forEach((layer, l) => {
      for (let u = 0; u < layer.shown; u++, index++) {
        ctx.drawImage(atlas, 0, index * size, size, size, layerX(l) + 1, unitY(u) + 1, UNIT - 2, UNIT - 2);
      }
    });
    ctx.restore();
  }

  private fillAtlas(network: LiveNetwork): OffscreenCanvas | null {
    const size = network.layout.gridSize;
    const height = size * totalShownUnits(network.layout);
    if (this.pixels?.width !== size || this.pixels.height !== height) {
      this.pixels = new ImageData(size, height);
      this.atlas = new OffscreenCanvas(size, height);
    }
    const cells = size * size * 4;
    let index = 0;
    network.layout.layers.forEach((layer, l) => {
      for (let u = 0; u < layer.shown; u++, index++) {
        writeUnitPixels(network, l, u, this.pixels!.data.subarray(index * cells, index * cells + cells));
      }
    });
    const ctx = this.atlas!.getContext('2d');
    if (!ctx) return null;
    ctx.putImageData(this.pixels, 0, 0);
    return this.atlas;
  }
}

/** Blue lines for positive weights, orange for negative, thicker for larger magnitude (relative to the largest). */
function drawWeights(ctx: CanvasRenderingContext2D, { layout, frame }: LiveNetwork): void {
  let largest = 0;
  for (const w of frame.weights) largest = Math.max(largest, Math.abs(w));
  const buckets: WeightSegment[][] = Array.from({ length: 2 * (WIDTH_STEPS + 1) }, () => []);
  for (const s of weightSegments(layout)) {
    const w = weightAt(layout, frame, s.layer, s.from, s.to);
    const step = largest > 0 ? Math.round((Math.abs(w) / largest) * WIDTH_STEPS) : 0;
    buckets[(w >= 0 ? 0 : WIDTH_STEPS + 1) + step].push(s);
  }
  buckets.forEach((segments, b) => {
    if (segments.length === 0) return;
    const step = b % (WIDTH_STEPS + 1);
    ctx.strokeStyle = b <= WIDTH_STEPS ? POSITIVE : NEGATIVE;
    ctx.lineWidth = THINNEST + (WIDEST_EXTRA * step) / WIDTH_STEPS;
    ctx.beginPath();
    for (const s of segments) {
      ctx.moveTo(s.x1, s.y1);
      ctx.lineTo(s.x2, s.y2);
    }
    ctx.stroke();
  });
}
