/**
 * Seeded 2-D dataset generators after TensorFlow Playground's dataset.ts (spiral, xor, circle, gauss, plane keep
 * its formulas and its [-6, 6] square), plus moons (scikit-learn's make_moons, scaled into that square) and a 1-D
 * sine for regression.
 *
 * Noise uses the Playground's slider scale, 0..50 (percent), so a number a teacher reads off the Playground means
 * the same here; each generator applies noise / 100 exactly where the Playground does.
 */
import type { Dataset, Task } from './dataset';
import { checkSeed } from './problems';
import { gaussian, mulberry32, uniform, type Rng } from './random';

export type GeneratorName = 'spiral' | 'xor' | 'circle' | 'gauss' | 'moons' | 'plane' | 'sine';

export interface GeneratorOptions {
  numPoints: number;
  /** 0..50, the Playground's noise slider. */
  noise: number;
  /** An unsigned 32-bit integer. */
  seed: number;
  /** Clusters for "gauss" only (2..8, default 2); the other generators have a fixed number of classes. */
  numClasses?: number;
}

export const MAX_NOISE = 50;
export const MAX_POINTS = 1_000_000;
export const MAX_GAUSS_CLASSES = 8;

interface GeneratorSpec {
  task: Task;
  featureNames: string[];
  /** Fills x (row-major) and y for n rows; `f` is noise as a fraction (0..0.5). */
  fill(rng: Rng, n: number, f: number, x: Float32Array, y: Float32Array, numClasses: number): void;
}

/** How many of n points go to class c when classes take turns: the first n % k classes get one more. */
function classSize(n: number, k: number, c: number): number {
  return Math.floor(n / k) + (c < n % k ? 1 : 0);
}

const RADIUS = 6;

const GENERATORS: Record<GeneratorName, GeneratorSpec> = {
  spiral: {
    task: 'classification',
    featureNames: ['x', 'y'],
    fill(rng, n, f, x, y) {
      let row = 0;
      for (let c = 0; c < 2; c++) {
        const size = classSize(n, 2, c);
        const deltaT = c === 1 ? 0 : Math.PI;
        for (let i = 0; i < size; i++, row++) {
          const r = (i / size) * 5;
          const t = ((1.75 * i) / size) * 2 * Math.PI + deltaT;
          x[2 * row] = r * Math.sin(t) + uniform(rng, -1, 1) * f;
          x[2 * row + 1] = r * Math.cos(t) + uniform(rng, -1, 1) * f;
          y[row] = c;
        }
      }
    },
  },
  xor: {
    task: 'classification',
    featureNames: ['x', 'y'],
    fill(rng, n, f, x, y) {
      // The padding keeps points off the axes, where the label flips.
      const padding = 0.3;
      for (let i = 0; i < n; i++) {
        let px = uniform(rng, -5, 5);
        px += px > 0 ? padding : -padding;
        let py = uniform(rng, -5, 5);
        py += py > 0 ? padding : -padding;
        const nx = uniform(rng, -5, 5) * f;
        const ny = uniform(rng, -5, 5) * f;
        x[2 * i] = px;
        x[2 * i + 1] = py;
        y[i] = (px + nx) * (py + ny) >= 0 ? 1 : 0;
      }
    },
  },
  circle: {
    task: 'classification',
    featureNames: ['x', 'y'],
    fill(rng, n, f, x, y) {
      const radius = 5;
      // Half the points are drawn inside the circle (class 1), half in a ring around it (class 0); noise moves the
      // point used for the label, so noisy points near the border get the other class.
      const rings = [
        [0, radius * 0.5],
        [radius * 0.7, radius],
      ] as const;
      let row = 0;
      for (let ring = 0; ring < 2; ring++) {
        const [rMin, rMax] = rings[ring];
        for (let i = 0; i < classSize(n, 2, ring); i++, row++) {
          const r = uniform(rng, rMin, rMax);
          const angle = uniform(rng, 0, 2 * Math.PI);
          const px = r * Math.sin(angle);
          const py = r * Math.cos(angle);
          const nx = uniform(rng, -radius, radius) * f;
          const ny = uniform(rng, -radius, radius) * f;
          x[2 * row] = px;
          x[2 * row + 1] = py;
          y[row] = Math.hypot(px + nx, py + ny) < radius * 0.5 ? 1 : 0;
        }
      }
    },
  },
  gauss: {
    task: 'classification',
    featureNames: ['x', 'y'],
    fill(rng, n, f, x, y, numClasses) {
      // The Playground maps noise 0..0.5 linearly to a variance of 0.5..4.
      const std = Math.sqrt(0.5 + (f / 0.5) * 3.5);
      // Centers on a circle through (2, 2); with two classes they are the Playground's (-2, -2) and (2, 2).
      const centerRadius = 2 * Math.SQRT2;
      let row = 0;
      for (let c = 0; c < numClasses; c++) {
        const angle = (5 * Math.PI) / 4 + (2 * Math.PI * c) / numClasses;
        const cx = centerRadius * Math.cos(angle);
        const cy = centerRadius * Math.sin(angle);
        for (let i = 0; i < classSize(n, numClasses, c); i++, row++) {
          x[2 * row] = gaussian(rng, cx, std);
          x[2 * row + 1] = gaussian(rng, cy, std);
          y[row] = c;
        }
      }
    },
  },
  moons: {
    task: 'classification',
    featureNames: ['x', 'y'],
    fill(rng, n, f, x, y) {
      // make_moons lives in x ∈ [-1, 2], y ∈ [-0.5, 1]; scale 3 around its center fills most of the square.
      const scale = 3;
      let row = 0;
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < classSize(n, 2, c); i++, row++) {
          const t = uniform(rng, 0, Math.PI);
          const mx = c === 0 ? Math.cos(t) : 1 - Math.cos(t);
          const my = c === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
          x[2 * row] = scale * (mx - 0.5 + gaussian(rng, 0, f));
          x[2 * row + 1] = scale * (my - 0.25 + gaussian(rng, 0, f));
          y[row] = c;
        }
      }
    },
  },
  plane: {
    task: 'regression',
    featureNames: ['x', 'y'],
    fill(rng, n, f, x, y) {
      for (let i = 0; i < n; i++) {
        const px = uniform(rng, -RADIUS, RADIUS);
        const py = uniform(rng, -RADIUS, RADIUS);
        const nx = uniform(rng, -RADIUS, RADIUS) * f;
        const ny = uniform(rng, -RADIUS, RADIUS) * f;
        x[2 * i] = px;
        x[2 * i + 1] = py;
        // The Playground maps x + y from [-10, 10] to [-1, 1].
        y[i] = (px + nx + py + ny) / 10;
      }
    },
  },
  sine: {
    task: 'regression',
    featureNames: ['x'],
    fill(rng, n, f, x, y) {
      // Noise on the target, not the input: a shifted input would scramble a periodic function beyond learning.
      for (let i = 0; i < n; i++) {
        const px = uniform(rng, -RADIUS, RADIUS);
        x[i] = px;
        y[i] = Math.sin(px) + gaussian(rng, 0, f);
      }
    },
  },
};

export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];

export function isGeneratorName(name: string): name is GeneratorName {
  return Object.hasOwn(GENERATORS, name);
}

export function generatorTask(name: GeneratorName): Task {
  return GENERATORS[name].task;
}

/** Throws a RangeError naming the bad option; generators call it, forms can too. */
export function checkGeneratorOptions(name: GeneratorName, options: GeneratorOptions): void {
  const { numPoints, noise, seed, numClasses } = options;
  if (!Number.isInteger(numPoints) || numPoints < 2 || numPoints > MAX_POINTS) {
    throw new RangeError(`Number of points must be a whole number from 2 to ${MAX_POINTS}, got ${numPoints}.`);
  }
  if (!(noise >= 0 && noise <= MAX_NOISE)) {
    throw new RangeError(`Noise must be between 0 and ${MAX_NOISE}, got ${noise}.`);
  }
  const seedProblem = checkSeed(seed);
  if (seedProblem) throw new RangeError(seedProblem);
  if (numClasses !== undefined) {
    if (name !== 'gauss') throw new RangeError(`The ${name} dataset has a fixed number of classes.`);
    if (!Number.isInteger(numClasses) || numClasses < 2 || numClasses > MAX_GAUSS_CLASSES) {
      throw new RangeError(
        `Number of clusters must be a whole number from 2 to ${MAX_GAUSS_CLASSES}, got ${numClasses}.`,
      );
    }
  }
}

export function generateDataset(name: GeneratorName, options: GeneratorOptions): Dataset {
  checkGeneratorOptions(name, options);
  const spec = GENERATORS[name];
  const n = options.numPoints;
  const numClasses = spec.task === 'classification' ? (options.numClasses ?? 2) : 0;
  const x = new Float32Array(n * spec.featureNames.length);
  const y = new Float32Array(n);
  spec.fill(mulberry32(options.seed), n, options.noise / 100, x, y, numClasses);
  return {
    name,
    task: spec.task,
    featureNames: [...spec.featureNames],
    targetName: spec.task === 'classification' ? 'label' : 'target',
    x,
    y,
    numClasses,
    classLabels: Array.from({ length: numClasses }, (_, c) => c),
  };
}
