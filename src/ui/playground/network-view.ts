import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cssColor, scoreColor } from '../../ml/boundary-palette';
import { FEATURE_LABELS } from '../../ml/features';
import { formatNumber } from '../../format';
import { biasAt, unitIndex, weightAt, type LiveNetwork } from '../../ml/network-frame';
import { UNIT_SCALE, unitName, unitPixels } from './unit-shading';

/** A unit picked in the view: `layer` as the view numbers it (0 = inputs), `unit` 0-based. */
export interface UnitRef {
  layer: number;
  unit: number;
}

interface WeightSegment {
  layer: number;
  from: number;
  to: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function distanceToSegment(x: number, y: number, s: WeightSegment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const t = Math.max(0, Math.min(1, ((x - s.x1) * dx + (y - s.y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - (s.x1 + t * dx), y - (s.y1 + t * dy));
}

type Hovered =
  { kind: 'unit'; layer: number; unit: number } | { kind: 'weight'; layer: number; from: number; to: number };

const UNIT = 40;
const COLUMN = 100;
const ROW = 50;
/** Room left of the inputs for their feature labels. */
const LABEL = 48;
const TOP = 22;
/** How near (CSS px) the pointer must be to a weight's line to read it. */
const HIT_PX = 4;
const PIXEL_RATIO = Math.min(2, globalThis.devicePixelRatio || 1);
const POSITIVE = cssColor(scoreColor(1, UNIT_SCALE));
const NEGATIVE = cssColor(scoreColor(0, UNIT_SCALE));

export function featureLabel(name: string): string {
  return (FEATURE_LABELS as Record<string, string>)[name] ?? name;
}

/**
 * `<network-view>`: the network as the TensorFlow Playground draws it — the inputs, every hidden unit and the
 * output as small heatmaps of their activation over the input plane, and the weights as lines (blue positive,
 * orange negative, thicker for larger magnitude). Hovering or focusing a unit or a weight reads its value;
 * clicking a unit selects it (the page shows it large) until it is clicked again. The frames come computed and
 * quantized from the training worker (or a replay), so drawing is a few small putImageData calls.
 *
 * @fires unit-select - detail: UnitRef | null, the unit clicked (null when the selected one is clicked again)
 */
@customElement('network-view')
export class NetworkView extends LitElement {
  static styles = css`
    :host { display: block; min-width: 0; }
    figure { margin: 0; display: grid; gap: var(--tf-space-1); }
    .scroll { overflow-x: auto; }
    .plane { position: relative; }
    canvas.weights { position: absolute; inset: 0; border-radius: 0; }
    .unit { position: absolute; width: ${UNIT}px; height: ${UNIT}px; padding: 0; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); background: var(--tf-color-surface); cursor: pointer; }
    .unit[aria-pressed='true'] { outline: 3px solid var(--tf-color-focus); outline-offset: 1px; }
    .unit:focus-visible { outline: 3px solid var(--tf-color-focus); }
    canvas { display: block; width: 100%; height: 100%; border-radius: var(--tf-radius-sm); }
    .label { position: absolute; width: ${LABEL - 6}px; text-align: right; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); line-height: ${UNIT}px; }
    .heading { position: absolute; top: 0; width: ${UNIT + 40}px; margin-left: -20px; text-align: center; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
    figcaption, .note { margin: 0; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); font-variant-numeric: tabular-nums; min-height: 1.4em; }
  `;

  @property({ attribute: false }) network: LiveNetwork | null = null;
  @property({ attribute: false }) selected: UnitRef | null = null;
  @state() private hovered: Hovered | null = null;

  private x(layer: number): number {
    return LABEL + layer * COLUMN;
  }

  private y(unit: number): number {
    return TOP + unit * ROW;
  }

  private name(layer: number, unit: number): string {
    return unitName(this.network!, layer, unit, featureLabel);
  }

  private readout(): string {
    const network = this.network;
    const h = this.hovered;
    if (!network || !h) return 'Hover or focus a unit or a weight to read its value; click a unit to show it large.';
    const { layout, frame } = network;
    if (h.kind === 'weight') {
      const value = weightAt(layout, frame, h.layer, h.from, h.to);
      return `Weight from ${this.name(h.layer - 1, h.from)} to ${this.name(h.layer, h.to)}: ${formatNumber(value)}`;
    }
    const index = unitIndex(layout, h.layer, h.unit);
    const range = `activation ${formatNumber(frame.ranges[2 * index])} to ${formatNumber(frame.ranges[2 * index + 1])}`;
    const bias = h.layer > 0 ? ` · bias ${formatNumber(biasAt(layout, frame, h.layer, h.unit))}` : '';
    return `${this.name(h.layer, h.unit)} (${layout.layers[h.layer].activation})${bias} · ${range}`;
  }

  private select(layer: number, unit: number): void {
    const same = this.selected?.layer === layer && this.selected.unit === unit;
    this.dispatchEvent(
      new CustomEvent<UnitRef | null>('unit-select', {
        detail: same ? null : { layer, unit },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Every shown weight's line, from the right edge of its unit to the left edge of the next layer's. */
  private weightSegments(network: LiveNetwork): WeightSegment[] {
    const { layers } = network.layout;
    const segments: WeightSegment[] = [];
    for (let l = 1; l < layers.length; l++) {
      for (let from = 0; from < layers[l - 1].shown; from++) {
        for (let to = 0; to < layers[l].shown; to++) {
          segments.push({
            layer: l,
            from,
            to,
            x1: this.x(l - 1) + UNIT,
            y1: this.y(from) + UNIT / 2,
            x2: this.x(l),
            y2: this.y(to) + UNIT / 2,
          });
        }
      }
    }
    return segments;
  }

  /**
   * The weights as lines on one canvas: hundreds of SVG lines re-rendered a few times a second cost the page
   * long tasks with 6 × 8 units, one canvas costs about a millisecond.
   */
  private drawWeights(network: LiveNetwork): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.weights');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const scale = canvas.width / Number(canvas.dataset.width);
    const { layout, frame } = network;
    let largest = 0;
    for (const w of frame.weights) largest = Math.max(largest, Math.abs(w));
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (const s of this.weightSegments(network)) {
      const w = weightAt(layout, frame, s.layer, s.from, s.to);
      ctx.strokeStyle = w >= 0 ? POSITIVE : NEGATIVE;
      ctx.lineWidth = largest > 0 ? 0.5 + (4 * Math.abs(w)) / largest : 0.5;
      ctx.beginPath();
      ctx.moveTo(s.x1, s.y1);
      ctx.lineTo(s.x2, s.y2);
      ctx.stroke();
    }
  }

  /** Hovering a weight's line (within HIT_PX of it) reads its value. */
  private onPlaneMove(event: PointerEvent): void {
    const network = this.network;
    const plane = event.currentTarget as HTMLElement;
    if (!network || event.target !== plane.querySelector('canvas.weights')) return;
    const box = plane.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    let best: WeightSegment | null = null;
    let bestDistance = HIT_PX;
    for (const s of this.weightSegments(network)) {
      const d = distanceToSegment(x, y, s);
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    if (best) this.hovered = { kind: 'weight', layer: best.layer, from: best.from, to: best.to };
    else if (this.hovered?.kind === 'weight') this.hovered = null;
  }

  private heading(layer: number, count: number): string {
    if (layer === 0) return 'Inputs';
    if (layer === count - 1) return 'Output';
    return `Hidden ${layer}`;
  }

  render() {
    const network = this.network;
    if (!network)
      return html`<figure aria-label="Network"><figcaption>The network appears here once a model trains on 2-D data.</figcaption></figure>`;
    const { layers } = network.layout;
    const width = this.x(layers.length - 1) + UNIT + 24;
    const height = TOP + Math.max(...layers.map((l) => l.shown)) * ROW;
    const capped = layers.filter((l) => l.shown < l.units).map((l) => `${l.shown} of ${l.units}`);
    return html`<figure aria-label="Network">
      <div class="scroll">
        <div class="plane" style="width:${width}px;height:${height}px" @pointermove=${this.onPlaneMove} @pointerleave=${() => (this.hovered = null)}>
          <canvas class="weights" aria-hidden="true" data-width=${width} width=${Math.round(width * PIXEL_RATIO)} height=${Math.round(height * PIXEL_RATIO)}
            style="width:${width}px;height:${height}px"></canvas>
          ${layers.map((_, l) => html`<span class="heading" style="left:${this.x(l)}px" aria-hidden="true">${this.heading(l, layers.length)}</span>`)}
          ${layers[0].unitNames.map((name, u) => html`<span class="label" style="left:0;top:${this.y(u)}px" aria-hidden="true">${featureLabel(name)}</span>`)}
          ${layers.flatMap((layer, l) =>
            Array.from({ length: layer.shown }, (_, u) => {
              const pressed = this.selected?.layer === l && this.selected.unit === u;
              return html`<button class="unit" style="left:${this.x(l)}px;top:${this.y(u)}px" aria-label=${this.name(l, u)} aria-pressed=${pressed ? 'true' : 'false'}
                @click=${() => this.select(l, u)}
                @pointerenter=${() => (this.hovered = { kind: 'unit', layer: l, unit: u })} @pointerleave=${() => (this.hovered = null)}
                @focus=${() => (this.hovered = { kind: 'unit', layer: l, unit: u })} @blur=${() => (this.hovered = null)}>
                <canvas width=${network.layout.gridSize} height=${network.layout.gridSize}></canvas></button>`;
            }),
          )}
        </div>
      </div>
      <figcaption>${this.readout()}</figcaption>
      ${capped.length > 0 ? html`<p class="note">Wide layers are drawn in part: ${capped.join(', ')} units shown (the first ones).</p>` : nothing}
    </figure>`;
  }

  protected updated(changed: PropertyValues<this>): void {
    const network = this.network;
    if (!network || !changed.has('network')) return;
    this.drawWeights(network);
    const canvases = this.renderRoot.querySelectorAll<HTMLCanvasElement>('button canvas');
    const size = network.layout.gridSize;
    let i = 0;
    network.layout.layers.forEach((layer, l) => {
      for (let u = 0; u < layer.shown; u++) {
        canvases[i++]?.getContext('2d')?.putImageData(new ImageData(unitPixels(network, l, u), size, size), 0, 0);
      }
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'network-view': NetworkView;
  }
}
