/**
 * A drawing or photo of a digit made to look like an MNIST digit, as MNIST's own pipeline did: the ink's
 * bounding box is scaled (keeping its aspect) to fit 20 × 20, placed in a 28 × 28 frame so that its centre of
 * mass sits at the centre. Input is ink intensity 0–1 (1 = ink) per pixel; DOM-free, so it is unit-tested and
 * can run anywhere.
 */

export const MNIST_SIDE = 28;
const BOX_SIDE = 20;
/** Pixels fainter than this are paper, not ink, when finding the bounding box. */
const INK_THRESHOLD = 0.1;

export interface InkBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The smallest box holding every inked pixel, or null for an empty drawing. */
export function inkBoundingBox(ink: ArrayLike<number>, width: number, height: number): InkBox | null {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > INK_THRESHOLD) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** The centre of mass (x, y) of an image, in pixel-centre coordinates. */
export function centreOfMass(image: ArrayLike<number>, width: number, height: number): { x: number; y: number } {
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x];
      total += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return total === 0 ? { x: width / 2, y: height / 2 } : { x: sx / total, y: sy / total };
}

/**
 * Area-averaged resampling of the box `box` of `ink` to `outW` × `outH`: each output pixel is the mean ink
 * over the source area it covers, so thin strokes of a large drawing stay visible when shrunk.
 */
function resampleBox(ink: ArrayLike<number>, width: number, box: InkBox, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = box.width / outW;
  const sy = box.height / outH;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = box.top + oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = box.left + ox * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          sum += ink[y * width + x] * wx * wy;
          area += wx * wy;
        }
      }
      out[oy * outW + ox] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/**
 * The 28 × 28 MNIST-like image (row-major, 0–1) of a drawing, or null when nothing is drawn. The ink is
 * stretched to full intensity first (a pen's anti-aliased stroke is greyer than MNIST's), as MNIST digits are.
 */
export function toMnistDigit(ink: ArrayLike<number>, width: number, height: number): Float32Array | null {
  const box = inkBoundingBox(ink, width, height);
  if (!box) return null;
  const scale = BOX_SIDE / Math.max(box.width, box.height);
  const outW = Math.max(1, Math.round(box.width * scale));
  const outH = Math.max(1, Math.round(box.height * scale));
  const small = resampleBox(ink, width, box, outW, outH);
  let peak = 0;
  for (const v of small) peak = Math.max(peak, v);
  if (peak > 0) for (let i = 0; i < small.length; i++) small[i] = Math.min(1, small[i] / peak);
  const mass = centreOfMass(small, outW, outH);
  // Where the small image's top-left goes so its centre of mass lands on the frame's centre, kept inside.
  const left = Math.min(Math.max(Math.round(MNIST_SIDE / 2 - mass.x), 0), MNIST_SIDE - outW);
  const top = Math.min(Math.max(Math.round(MNIST_SIDE / 2 - mass.y), 0), MNIST_SIDE - outH);
  const digit = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < outH; y++) digit.set(small.subarray(y * outW, (y + 1) * outW), (top + y) * MNIST_SIDE + left);
  return digit;
}

/**
 * Ink intensity (1 = ink) from RGBA pixels: dark ink on light paper (a photo, the drawing canvas) is inverted,
 * light ink on a dark background kept, judged by the mean brightness.
 */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const n = width * height;
  const ink = new Float32Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const alpha = rgba[i * 4 + 3] / 255;
    // Transparent pixels count as paper (white), so a canvas with no background still reads right.
    const luminance = (0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]) / 255;
    ink[i] = alpha * luminance + (1 - alpha);
    mean += ink[i];
  }
  const lightPaper = mean / n > 0.5;
  for (let i = 0; i < n; i++) ink[i] = lightPaper ? 1 - ink[i] : ink[i];
  return ink;
}
