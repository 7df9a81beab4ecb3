/**
 * Where the network view puts things, in CSS pixels of its plane: a column per layer, a row per unit, a line per
 * weight from the right edge of its unit to the left edge of the next layer's. Shared by the element (the unit
 * buttons, pointer hits) and the painter (the one canvas).
 */
import type { NetworkLayout } from '../../ml/network-frame';

/** A unit's square. */
export const UNIT = 40;
const COLUMN = 100;
const ROW = 50;
/** Room left of the inputs for their feature labels. */
export const LABEL = 48;
const TOP = 22;
/** Room right of the output. */
const RIGHT = 24;

export function layerX(layer: number): number {
  return LABEL + layer * COLUMN;
}

export function unitY(unit: number): number {
  return TOP + unit * ROW;
}

export function planeSize(layout: NetworkLayout): { width: number; height: number } {
  const { layers } = layout;
  return {
    width: layerX(layers.length - 1) + UNIT + RIGHT,
    height: TOP + Math.max(...layers.map((l) => l.shown)) * ROW,
  };
}

export interface WeightSegment {
  layer: number;
  from: number;
  to: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const segmentsByLayout = new WeakMap<NetworkLayout, WeightSegment[]>();

/** Every shown weight's line; computed once per layout, as frames of one training share their layout object. */
export function weightSegments(layout: NetworkLayout): WeightSegment[] {
  let segments = segmentsByLayout.get(layout);
  if (segments) return segments;
  const { layers } = layout;
  segments = [];
  for (let l = 1; l < layers.length; l++) {
    for (let from = 0; from < layers[l - 1].shown; from++) {
      for (let to = 0; to < layers[l].shown; to++) {
        segments.push({
          layer: l,
          from,
          to,
          x1: layerX(l - 1) + UNIT,
          y1: unitY(from) + UNIT / 2,
          x2: layerX(l),
          y2: unitY(to) + UNIT / 2,
        });
      }
    }
  }
  segmentsByLayout.set(layout, segments);
  return segments;
}

export function distanceToSegment(x: number, y: number, s: WeightSegment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const t = Math.max(0, Math.min(1, ((x - s.x1) * dx + (y - s.y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - (s.x1 + t * dx), y - (s.y1 + t * dy));
}

/** The weight whose line passes within `reach` px of (x, y), the nearest one; null when none does. */
export function weightNear(layout: NetworkLayout, x: number, y: number, reach: number): WeightSegment | null {
  let best: WeightSegment | null = null;
  let bestDistance = reach;
  for (const s of weightSegments(layout)) {
    const d = distanceToSegment(x, y, s);
    if (d < bestDistance) {
      best = s;
      bestDistance = d;
    }
  }
  return best;
}
