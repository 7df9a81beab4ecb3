/**
 * Moving between the network view's units with the keyboard, as in a grid whose columns are the layers: up and
 * down within a layer, left and right to the neighbouring layer (to the unit at the same row, or its last one
 * when the layer is shorter), Home and End to the first and last unit of the layer.
 */
import type { NetworkLayout } from '../../ml/network-frame';

/** A unit picked in the view: `layer` as the view numbers it (0 = inputs), `unit` 0-based. */
export interface UnitRef {
  layer: number;
  unit: number;
}

/** The unit `key` moves to from `from`; null for keys that do not move, and at the edges. */
export function nextUnit(layout: NetworkLayout, from: UnitRef, key: string): UnitRef | null {
  const { layers } = layout;
  const shown = (layer: number) => layers[layer].shown;
  let { layer, unit } = from;
  switch (key) {
    case 'ArrowUp':
      unit--;
      break;
    case 'ArrowDown':
      unit++;
      break;
    case 'ArrowLeft':
      layer--;
      break;
    case 'ArrowRight':
      layer++;
      break;
    case 'Home':
      unit = 0;
      break;
    case 'End':
      unit = shown(layer) - 1;
      break;
    default:
      return null;
  }
  if (layer < 0 || layer >= layers.length || unit < 0) return null;
  if (unit >= shown(layer)) {
    if (layer === from.layer) return null;
    unit = shown(layer) - 1;
  }
  return layer === from.layer && unit === from.unit ? null : { layer, unit };
}
