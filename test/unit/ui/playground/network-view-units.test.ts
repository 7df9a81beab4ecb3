import { describe, expect, it } from 'vitest';
import { boundaryPixels } from '../../../../src/ml/boundary-palette';
import { mulberry32 } from '../../../../src/ml/random';
import type { LiveNetwork, NetworkLayout } from '../../../../src/ml/network-frame';
import { nextUnit } from '../../../../src/ui/playground/unit-keys';
import { UNIT_SCALE, unitShades, writeUnitPixels } from '../../../../src/ui/playground/unit-shading';

const GRID = 6;

/** Inputs x, y; a hidden layer of 3 tanh units; a binary output; random grids and ranges (one unit flat). */
function network(): LiveNetwork {
  const layout: NetworkLayout = {
    gridSize: GRID,
    bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
    layers: [
      { units: 2, shown: 2, unitNames: ['x', 'y'], activation: 'linear' },
      { units: 3, shown: 3, unitNames: [], activation: 'tanh' },
      { units: 1, shown: 1, unitNames: [], activation: 'softmax' },
    ],
    output: 'binary',
  };
  const random = mulberry32(7);
  const units = 6;
  const grids = Uint8Array.from({ length: units * GRID * GRID }, () => Math.floor(random() * 256));
  const ranges = Float32Array.from([-2, 3, -1, 1, -0.7, 0.2, 0.1, 0.9, 0.4, 0.4, 0.05, 0.97]);
  grids.fill(0, 4 * GRID * GRID, 5 * GRID * GRID); // hidden unit 3 is flat at 0.4
  return {
    layout,
    frame: { epoch: 3, grids, ranges, weights: new Float32Array(2 * 3 + 3), biases: new Float32Array(4) },
  };
}

/** The colour unitShades gives a cell, through the same 256 steps of the scale the view paints with. */
function expectedPixels(net: LiveNetwork, layer: number, unit: number): Uint8ClampedArray {
  const steps = Array.from(unitShades(net, layer, unit), (s) => Math.round(Math.min(1, Math.max(0, s)) * 255) / 255);
  return boundaryPixels(Float32Array.from(steps), UNIT_SCALE);
}

describe('writeUnitPixels', () => {
  it('paints every unit as unitShades colours it: hidden units by their largest magnitude, the binary output as a probability, a flat unit in one colour', () => {
    const net = network();
    const cells = GRID * GRID;
    for (const [layer, unit] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
    ]) {
      const out = new Uint8ClampedArray(cells * 4);
      writeUnitPixels(net, layer, unit, out);
      const expected = expectedPixels(net, layer, unit);
      // The table is built in double precision, unitShades in float32: a cell may land one step of 256 away.
      const largest = Math.max(...out.map((v, i) => Math.abs(v - expected[i])));
      expect(largest, `layer ${layer} unit ${unit}`).toBeLessThanOrEqual(2);
      for (let i = 3; i < out.length; i += 4) expect(out[i]).toBe(255);
    }
    const flat = new Uint8ClampedArray(cells * 4);
    writeUnitPixels(net, 1, 2, flat);
    expect(new Set(Array.from({ length: cells }, (_, i) => flat.slice(4 * i, 4 * i + 4).join())).size).toBe(1);
  });

  it('writes only its own slice of a shared atlas', () => {
    const net = network();
    const cells = GRID * GRID * 4;
    const atlas = new Uint8ClampedArray(3 * cells);
    writeUnitPixels(net, 1, 1, atlas.subarray(cells, 2 * cells));
    expect(atlas.subarray(0, cells).every((v) => v === 0)).toBe(true);
    expect(atlas.subarray(2 * cells).every((v) => v === 0)).toBe(true);
    expect(atlas.subarray(cells, 2 * cells).some((v) => v !== 0)).toBe(true);
  });
});

describe('nextUnit (the network view’s arrow keys)', () => {
  const layout = network().layout;

  it('moves up and down within a layer and stops at its ends', () => {
    expect(nextUnit(layout, { layer: 1, unit: 1 }, 'ArrowDown')).toEqual({ layer: 1, unit: 2 });
    expect(nextUnit(layout, { layer: 1, unit: 1 }, 'ArrowUp')).toEqual({ layer: 1, unit: 0 });
    expect(nextUnit(layout, { layer: 1, unit: 2 }, 'ArrowDown')).toBeNull();
    expect(nextUnit(layout, { layer: 1, unit: 0 }, 'ArrowUp')).toBeNull();
    expect(nextUnit(layout, { layer: 1, unit: 1 }, 'Home')).toEqual({ layer: 1, unit: 0 });
    expect(nextUnit(layout, { layer: 1, unit: 0 }, 'End')).toEqual({ layer: 1, unit: 2 });
    expect(nextUnit(layout, { layer: 1, unit: 0 }, 'Home')).toBeNull();
  });

  it('moves across layers to the same row, or the last unit of a shorter layer, and stops at the edges', () => {
    expect(nextUnit(layout, { layer: 0, unit: 1 }, 'ArrowRight')).toEqual({ layer: 1, unit: 1 });
    expect(nextUnit(layout, { layer: 1, unit: 2 }, 'ArrowLeft')).toEqual({ layer: 0, unit: 1 });
    expect(nextUnit(layout, { layer: 1, unit: 2 }, 'ArrowRight')).toEqual({ layer: 2, unit: 0 });
    expect(nextUnit(layout, { layer: 0, unit: 0 }, 'ArrowLeft')).toBeNull();
    expect(nextUnit(layout, { layer: 2, unit: 0 }, 'ArrowRight')).toBeNull();
    expect(nextUnit(layout, { layer: 1, unit: 0 }, 'Enter')).toBeNull();
  });
});
