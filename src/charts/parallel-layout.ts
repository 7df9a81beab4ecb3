import { axisPosition, buildAxis, type Axis, type AxisValue } from './axis-scale';

/** One vertical axis of a parallel-coordinates chart: a label and one value per item (run), in item order. */
export interface ParallelAxis {
  key: string;
  label: string;
  values: AxisValue[];
}

/** A brushed range on an axis, as positions from 0 (bottom) to 1 (top). */
export type Brush = [number, number];

export interface ParallelLayout {
  axes: Axis[];
  /** positions[axis][item]: 0..1 from the bottom, null when the item has no value there. */
  positions: (number | null)[][];
}

/** Builds each axis (numeric, log or categorical) and places every item on it. */
export function layoutParallel(axes: readonly ParallelAxis[]): ParallelLayout {
  const built = axes.map((a) => buildAxis(a.values));
  return { axes: built, positions: axes.map((a, i) => a.values.map((v) => axisPosition(built[i], v))) };
}

/**
 * Which items every brush lets through (an item without a value on a brushed axis is out). With no brush,
 * every item is highlighted. `tolerance` widens each brush (in axis positions) so a line a pixel or two
 * outside a drag, like one at the very end of an axis, still counts.
 */
export function brushedItems(
  layout: ParallelLayout,
  itemCount: number,
  brushes: ReadonlyMap<number, Brush>,
  tolerance = 0,
): boolean[] {
  const result = new Array<boolean>(itemCount).fill(true);
  for (const [axis, [a, b]] of brushes) {
    const lo = Math.min(a, b) - tolerance;
    const hi = Math.max(a, b) + tolerance;
    const positions = layout.positions[axis];
    if (!positions) continue;
    for (let i = 0; i < itemCount; i++) {
      const p = positions[i];
      if (p === null || p < lo || p > hi) result[i] = false;
    }
  }
  return result;
}
