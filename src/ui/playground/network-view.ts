import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { FEATURE_LABELS } from '../../ml/features';
import { formatNumber } from '../../format';
import { biasAt, unitIndex, weightAt, type LiveNetwork } from '../../ml/network-frame';
import { LABEL, layerX, planeSize, UNIT, unitY, weightNear } from './network-geometry';
import { NetworkPainter } from './network-painter';
import { nextUnit, type UnitRef } from './unit-keys';
import { TaskHandOver } from './task-hand-over';
import { unitName } from './unit-shading';

export type { UnitRef } from './unit-keys';

type Hovered = ({ kind: 'unit' } & UnitRef) | { kind: 'weight'; layer: number; from: number; to: number };

/** How near (CSS px) the pointer must be to a weight's line to read it. */
const HIT_PX = 4;
const PIXEL_RATIO = Math.min(2, globalThis.devicePixelRatio || 1);
const DETAILS_ID = 'unit-details';

export function featureLabel(name: string): string {
  return (FEATURE_LABELS as Record<string, string>)[name] ?? name;
}

const sameUnit = (a: UnitRef | null, b: UnitRef | null) => a?.layer === b?.layer && a?.unit === b?.unit;

function sameHover(a: Hovered | null, b: Hovered | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'unit') return b.kind === 'unit' && sameUnit(a, b);
  return b.kind === 'weight' && a.layer === b.layer && a.from === b.from && a.to === b.to;
}

/** The unit a button stands for, from its data attributes; null for anything else. */
function unitOf(target: EventTarget | null): UnitRef | null {
  const button = (target as Element | null)?.closest?.('button.unit') as HTMLElement | null;
  if (!button) return null;
  return { layer: Number(button.dataset.layer), unit: Number(button.dataset.unit) };
}

/**
 * `<network-view>`: the network as the TensorFlow Playground draws it — the inputs, every hidden unit and the
 * output as small heatmaps of their activation over the input plane, and the weights as lines (blue positive,
 * orange negative, thicker for larger magnitude). Hovering a unit or a weight reads its value. The units are one
 * Tab stop: the arrow keys move between them (up and down in a layer, left and right across layers), and the
 * focused unit's weights — into it, or out of an input — are listed under the picture as its description.
 * Clicking a unit (or Enter, Space) selects it (the page shows it large) until it is pressed again. The frames
 * come computed and quantized from the training worker (or a replay) and are painted on one canvas in a task of
 * their own, the newest of them, however often they arrive.
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
    canvas { position: absolute; inset: 0; }
    .unit { position: absolute; width: ${UNIT}px; height: ${UNIT}px; padding: 0; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); background: transparent; cursor: pointer; }
    .unit[aria-pressed='true'] { outline: 3px solid var(--tf-color-focus); outline-offset: 1px; }
    .unit:focus-visible { outline: 3px solid var(--tf-color-focus); }
    .label { position: absolute; width: ${LABEL - 6}px; text-align: right; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); line-height: ${UNIT}px; }
    .heading { position: absolute; top: 0; width: ${UNIT + 40}px; margin-left: -20px; text-align: center; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
    figcaption, .note { margin: 0; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); font-variant-numeric: tabular-nums; min-height: 1.4em; }
    .weights-title { display: block; margin-top: var(--tf-space-1); color: var(--tf-color-text); }
    .weights { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 var(--tf-space-3); }
  `;

  @property({ attribute: false }) selected: UnitRef | null = null;
  /**
   * The frame drawn: `network`, handed over in a task of its own, so that rendering the view (its first render
   * builds every unit's button) is not part of the page's update task.
   */
  @state() private shown: LiveNetwork | null = null;
  private readonly handOver = new TaskHandOver<LiveNetwork | null>(null, (n) => (this.shown = n));
  @state() private hovered: Hovered | null = null;
  /** The unit that takes Tab (the others are reached with the arrow keys). */
  @state() private active: UnitRef = { layer: 0, unit: 0 };
  /** The unit with keyboard focus, whose weights are its description. */
  @state() private focused: UnitRef | null = null;
  private readonly painter = new NetworkPainter();
  // A task of its own again, not the update's nor an animation frame: a software canvas is rasterized at the end
  // of the task that drew it (or in the frame's commit), and a trace showed each of those ~5-10 ms of CPU with the
  // painting in them. Frames that arrive before the paint (a replay playing, a burst) are painted once, the newest.
  private readonly paintTask = new TaskHandOver<LiveNetwork | null>(null, (network) => {
    const canvas = this.renderRoot.querySelector('canvas');
    if (network && canvas) this.painter.paint(canvas, network, PIXEL_RATIO);
  });

  /** The frame to show (the page's or a replay's); null before a model trains on 2-D data. */
  get network(): LiveNetwork | null {
    return this.handOver.latest;
  }

  set network(network: LiveNetwork | null) {
    this.handOver.set(network);
  }

  connectedCallback(): void {
    super.connectedCallback();
    // Hand-overs cancelled when the element was taken out of the page.
    if (this.shown !== this.network) this.handOver.set(this.network);
    else if (this.shown) this.paintTask.set(this.shown);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.handOver.cancel();
    this.paintTask.cancel();
  }

  private name(layer: number, unit: number): string {
    return unitName(this.shown!, layer, unit, featureLabel);
  }

  private heading(layer: number, count: number): string {
    if (layer === 0) return 'Inputs';
    if (layer === count - 1) return 'Output';
    return `Hidden ${layer}`;
  }

  private readout(): string {
    const network = this.shown;
    const h = this.hovered;
    if (!network || !h)
      return 'Hover a unit or a weight to read its value, or Tab to the units and move with the arrow keys; press a unit to show it large.';
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

  /** The weights into a unit (out of it, for an input), each with the unit at its other end. */
  private weightList(ref: UnitRef) {
    const { layout, frame } = this.shown!;
    const { layer, unit } = ref;
    const into = layer > 0;
    const other = into ? layer - 1 : 1;
    if (other >= layout.layers.length) return nothing;
    const count = layout.layers[other].shown;
    const items = Array.from({ length: count }, (_, u) => {
      const value = into ? weightAt(layout, frame, layer, u, unit) : weightAt(layout, frame, 1, unit, u);
      return html`<li>${into ? 'from' : 'to'} ${this.name(other, u)}: ${formatNumber(value)}</li>`;
    });
    // Named by a visible title, not aria-label: the list is also the focused unit's description, where an
    // aria-label would stand in for the values.
    return html`<span class="weights-title" id="weights-title">Weights ${into ? 'into' : 'out of'} ${this.name(layer, unit)}</span>
      <ul class="weights" aria-labelledby="weights-title">${items}</ul>`;
  }

  private select(ref: UnitRef): void {
    this.dispatchEvent(
      new CustomEvent<UnitRef | null>('unit-select', {
        detail: sameUnit(this.selected, ref) ? null : ref,
        bubbles: true,
        composed: true,
      }),
    );
  }

  private setHovered(next: Hovered | null): void {
    if (!sameHover(this.hovered, next)) this.hovered = next;
  }

  /** Over a unit: read the unit; over the canvas within HIT_PX of a weight's line: read the weight. */
  private onPointerMove(event: PointerEvent): void {
    const network = this.shown;
    if (!network) return;
    const unit = unitOf(event.target);
    if (unit) return this.setHovered({ kind: 'unit', ...unit });
    const plane = event.currentTarget as HTMLElement;
    const box = plane.getBoundingClientRect();
    const weight = weightNear(network.layout, event.clientX - box.left, event.clientY - box.top, HIT_PX);
    if (weight) this.setHovered({ kind: 'weight', layer: weight.layer, from: weight.from, to: weight.to });
    else if (this.hovered) this.setHovered(this.focused ? { kind: 'unit', ...this.focused } : null);
  }

  private onFocusIn(event: FocusEvent): void {
    const unit = unitOf(event.target);
    if (!unit) return;
    this.focused = unit;
    this.active = unit;
    this.setHovered({ kind: 'unit', ...unit });
  }

  private onFocusOut(event: FocusEvent): void {
    if (unitOf(event.relatedTarget)) return;
    this.focused = null;
    this.setHovered(null);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const from = unitOf(event.target);
    const network = this.shown;
    if (!from || !network) return;
    const to = nextUnit(network.layout, from, event.key);
    if (!to) return;
    event.preventDefault();
    this.active = to;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`button[data-layer="${to.layer}"][data-unit="${to.unit}"]`)?.focus(),
    );
  }

  private onClick(event: MouseEvent): void {
    const unit = unitOf(event.target);
    if (unit) this.select(unit);
  }

  /** The unit buttons, re-rendered only when the layout, the selection, the Tab stop or the focus changes. */
  private units(network: LiveNetwork) {
    const { layers } = network.layout;
    const active = this.active.unit < (layers[this.active.layer]?.shown ?? 0) ? this.active : { layer: 0, unit: 0 };
    return layers.flatMap((layer, l) =>
      Array.from({ length: layer.shown }, (_, u) => {
        const ref = { layer: l, unit: u };
        return html`<button class="unit" data-layer=${l} data-unit=${u} style="left:${layerX(l)}px;top:${unitY(u)}px"
          aria-label=${this.name(l, u)} aria-pressed=${sameUnit(this.selected, ref) ? 'true' : 'false'}
          tabindex=${sameUnit(active, ref) ? 0 : -1} aria-describedby=${sameUnit(this.focused, ref) ? DETAILS_ID : nothing}></button>`;
      }),
    );
  }

  render() {
    const network = this.shown;
    if (!network)
      return html`<figure aria-label="Network"><figcaption>The network appears here once a model trains on 2-D data.</figcaption></figure>`;
    const { layers } = network.layout;
    const { width, height } = planeSize(network.layout);
    const capped = layers.filter((l) => l.shown < l.units).map((l) => `${l.shown} of ${l.units}`);
    const shownUnit = this.hovered?.kind === 'unit' ? this.hovered : null;
    return html`<figure aria-label="Network">
      <div class="scroll">
        <div class="plane" style="width:${width}px;height:${height}px" @pointermove=${this.onPointerMove}
          @pointerleave=${() => this.setHovered(this.focused ? { kind: 'unit', ...this.focused } : null)}
          @focusin=${this.onFocusIn} @focusout=${this.onFocusOut} @keydown=${this.onKeyDown} @click=${this.onClick}>
          <canvas aria-hidden="true" width=${Math.round(width * PIXEL_RATIO)} height=${Math.round(height * PIXEL_RATIO)}
            style="width:${width}px;height:${height}px"></canvas>
          ${layers.map((_, l) => html`<span class="heading" style="left:${layerX(l)}px" aria-hidden="true">${this.heading(l, layers.length)}</span>`)}
          ${layers[0].unitNames.map((name, u) => html`<span class="label" style="left:0;top:${unitY(u)}px" aria-hidden="true">${featureLabel(name)}</span>`)}
          ${guard([network.layout, this.selected, this.active, this.focused], () => this.units(network))}
        </div>
      </div>
      <figcaption id=${DETAILS_ID}>${this.readout()}${shownUnit ? this.weightList(shownUnit) : nothing}</figcaption>
      ${capped.length > 0 ? html`<p class="note">Wide layers are drawn in part: ${capped.join(', ')} units shown (the first ones).</p>` : nothing}
    </figure>`;
  }

  protected updated(changed: PropertyValues): void {
    if (this.shown && changed.has('shown')) this.paintTask.set(this.shown);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'network-view': NetworkView;
  }
}
