/**
 * `<parallel-coordinates>`: one vertical axis per param or metric, one line per run across them. Drag along
 * an axis to brush a range: only runs inside every brushed range keep their colour, the rest turn grey; click
 * an axis without dragging to remove its brush. From the keyboard, each axis is a slider (Tab to it): the arrow
 * keys place and move a brush, Shift with the arrows resizes it, Escape removes it. Text params get categorical
 * axes; wide positive ranges (like learning rates) get log axes.
 *
 * Properties: `axes: ParallelAxis[]`, `items: ParallelItem[]` (same order as each axis's values), `title`,
 * `height` (px, default 320).
 *
 * @fires highlight-change - `{ keys }`: the keys of the highlighted items whenever a brush changes.
 */
import { css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { axisTicks } from './axis-scale';
import { formatNumber } from './format';
import { brushedItems, layoutParallel, type Brush, type ParallelAxis } from './parallel-layout';
import { SVG_FONT, SvgChartElement } from './svg-chart-base';

export type { ParallelAxis } from './parallel-layout';

export interface ParallelItem {
  key: string;
  label: string;
  color: string;
}

const MARGIN = { left: 70, right: 90, top: 34, bottom: 16 };
/** A drag that stops this close to a line still catches it. */
const BRUSH_TOLERANCE_PX = 4;
/** The brush a first arrow key places (the middle fifth of the axis), and how far each press moves it. */
const KEYBOARD_BRUSH: Brush = [0.4, 0.6];
const KEYBOARD_STEP = 0.05;

@customElement('parallel-coordinates')
export class ParallelCoordinates extends SvgChartElement {
  static styles = [
    SvgChartElement.styles,
    css`
      /* Keyboard handles over each axis: outside the SVG (which stays one image), and transparent to the pointer,
         which drags on the SVG itself. */
      .axis-key { position: absolute; pointer-events: none; border-radius: var(--tf-radius-sm); }
      .axis-key:focus-visible { outline: 2px solid var(--tf-color-focus); outline-offset: 2px; }
    `,
  ];

  @property({ attribute: false }) axes: ParallelAxis[] = [];
  @property({ attribute: false }) items: ParallelItem[] = [];
  @property({ type: Number }) height = 320;

  /** Brushes by axis index. Cleared when the axes change, since positions then mean something else. */
  @state() private brushes = new Map<number, Brush>();
  private dragging: { axis: number; start: number; moved: boolean } | null = null;
  private axesSignature = '';

  protected willUpdate(): void {
    const signature = this.axes.map((a) => a.key).join('\u0000');
    if (signature !== this.axesSignature) {
      this.axesSignature = signature;
      this.brushes = new Map();
    }
  }

  protected emptyMessage(): string {
    return this.axes.length < 2 ? 'Choose two or more params or metrics.' : 'No runs to draw.';
  }

  private get innerHeight(): number {
    return this.height - MARGIN.top - MARGIN.bottom;
  }

  /** Pointer y (in the SVG) as a position from 0 at the bottom of the axes to 1 at the top. */
  private positionAt(event: PointerEvent): number {
    const svgBox = (event.currentTarget as SVGElement).ownerSVGElement!.getBoundingClientRect();
    const y = event.clientY - svgBox.top;
    return Math.min(1, Math.max(0, 1 - (y - MARGIN.top) / this.innerHeight));
  }

  private onPointerDown(axis: number, event: PointerEvent): void {
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    this.dragging = { axis, start: this.positionAt(event), moved: false };
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.dragging;
    if (!drag) return;
    const now = this.positionAt(event);
    if (!drag.moved && Math.abs(now - drag.start) * this.innerHeight < 3) return;
    drag.moved = true;
    this.setBrush(drag.axis, [drag.start, now]);
  }

  private onPointerUp(): void {
    const drag = this.dragging;
    this.dragging = null;
    if (drag && !drag.moved) this.setBrush(drag.axis, null);
  }

  private setBrush(axis: number, brush: Brush | null): void {
    const next = new Map(this.brushes);
    if (brush) next.set(axis, brush);
    else next.delete(axis);
    this.brushes = next;
  }

  private onAxisKey(axis: number, event: KeyboardEvent): void {
    const current = this.brushes.get(axis);
    let next: Brush | null;
    if (event.key === 'Escape' || event.key === 'Delete' || event.key === 'Backspace') {
      if (!current) return;
      next = null;
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const up = event.key === 'ArrowUp' ? 1 : -1;
      if (!current) next = KEYBOARD_BRUSH;
      else {
        const lo = Math.min(...current);
        const hi = Math.max(...current);
        if (event.shiftKey) next = [lo, Math.min(1, Math.max(lo + KEYBOARD_STEP, hi + up * KEYBOARD_STEP))];
        else {
          const from = Math.min(1 - (hi - lo), Math.max(0, lo + up * KEYBOARD_STEP));
          next = [from, from + (hi - lo)];
        }
      }
    } else {
      return;
    }
    event.preventDefault();
    this.setBrush(axis, next);
  }

  /** The axes' keyboard handles, laid over the axes they brush. */
  private renderAxisKeys(axisX: (a: number) => number) {
    return this.axes.map((axis, a) => {
      const brush = this.brushes.get(a);
      const range = brush
        ? `${Math.round(Math.min(...brush) * 100)} to ${Math.round(Math.max(...brush) * 100)} % of the axis`
        : 'no range';
      return html`<div class="axis-key" tabindex="0" role="slider" aria-orientation="vertical"
        aria-label=${`Highlight runs by ${axis.label}`} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${brush ? Math.round(((brush[0] + brush[1]) / 2) * 100) : 50} aria-valuetext=${range}
        style="left:${axisX(a) - 14}px;top:${MARGIN.top - 6}px;width:28px;height:${this.innerHeight + 12}px"
        @keydown=${(e: KeyboardEvent) => this.onAxisKey(a, e)}></div>`;
    });
  }

  private clearBrushes(): void {
    this.brushes = new Map();
  }

  protected updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('brushes') || changed.has('items')) {
      const highlighted = this.highlighted();
      const keys = this.items.filter((_, i) => highlighted[i]).map((item) => item.key);
      this.dispatchEvent(new CustomEvent('highlight-change', { detail: { keys }, bubbles: true, composed: true }));
    }
  }

  private highlighted(): boolean[] {
    return brushedItems(
      layoutParallel(this.axes),
      this.items.length,
      this.brushes,
      BRUSH_TOLERANCE_PX / this.innerHeight,
    );
  }

  protected renderNote() {
    if (this.brushes.size === 0 || this.axes.length < 2) {
      return this.axes.length >= 2
        ? html`<p class="note">Drag along an axis, or Tab to it and press the arrow keys, to highlight the runs in a range.</p>`
        : nothing;
    }
    const highlighted = this.highlighted();
    const names = this.items.filter((_, i) => highlighted[i]).map((item) => item.label);
    return html`<p class="note" role="status">
      Highlighted ${names.length} of ${this.items.length}: ${names.length ? names.join(', ') : 'none'}
      <button type="button" @click=${this.clearBrushes}>Clear highlight</button></p>`;
  }

  protected renderChart() {
    if (this.axes.length < 2 || this.items.length === 0) return nothing;
    const layout = layoutParallel(this.axes);
    const highlighted = this.highlighted();
    const w = this.width;
    const h = this.height;
    const innerH = this.innerHeight;
    const step = (w - MARGIN.left - MARGIN.right) / (this.axes.length - 1);
    const axisX = (a: number) => MARGIN.left + a * step;
    const toY = (p: number) => MARGIN.top + (1 - p) * innerH;
    const path = (item: number) => {
      let d = '';
      let pen = false;
      layout.positions.forEach((column, a) => {
        const p = column[item];
        if (p === null) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${axisX(a).toFixed(1)} ${toY(p).toFixed(1)}`;
        pen = true;
      });
      return d;
    };
    // Faded lines first so highlighted ones are drawn on top.
    const order = this.items.map((_, i) => i).sort((a, b) => Number(highlighted[a]) - Number(highlighted[b]));
    const labelWidth = Math.max(40, step - 8);
    const c = this.colors;
    return html`${this.renderAxisKeys(axisX)}<svg width=${w} height=${h} role="img" aria-label=${this.title} font-family=${SVG_FONT} font-size="11">
      <rect x="0" y="0" width=${w} height=${h} fill=${c.surface}></rect>
      ${order.map(
        (i) => svg`<path d=${path(i)} fill="none" stroke=${highlighted[i] ? this.items[i].color : c.border}
        stroke-width=${highlighted[i] ? c.lineWidth + 0.5 : c.lineWidth * 0.7} stroke-opacity=${highlighted[i] ? 0.95 : 0.7}>
        <title>${this.items[i].label}</title></path>`,
      )}
      ${layout.axes.map((axis, a) => {
        const x = axisX(a);
        const brush = this.brushes.get(a);
        const label = this.axes[a].label;
        const shown =
          label.length * 6.5 > labelWidth ? `${label.slice(0, Math.max(3, Math.floor(labelWidth / 6.5) - 1))}…` : label;
        return svg`<g>
          <line x1=${x} x2=${x} y1=${MARGIN.top} y2=${MARGIN.top + innerH} stroke=${c.muted} stroke-width="1.5"></line>
          <text x=${x} y=${MARGIN.top - 14} text-anchor="middle" fill=${c.text} font-size="12" font-weight="600"><title>${label}</title>${shown}${axis.kind === 'numeric' && axis.log ? ' (log)' : ''}</text>
          ${axisTicks(axis, formatNumber).map(
            (t) => svg`
            <line x1=${x - 3} x2=${x + 3} y1=${toY(t.position)} y2=${toY(t.position)} stroke=${c.muted}></line>
            <text x=${x + 6} y=${toY(t.position)} dy="0.32em" fill=${c.muted} stroke=${c.surface} stroke-width="3" paint-order="stroke">${t.label}</text>`,
          )}
          ${
            brush
              ? svg`<rect x=${x - 8} y=${toY(Math.max(...brush))} width="16" height=${Math.max(2, Math.abs(brush[0] - brush[1]) * innerH)}
                fill=${c.accent} fill-opacity="0.25" stroke=${c.accent} rx="3"></rect>`
              : nothing
          }
          <rect x=${x - 14} y=${MARGIN.top - 6} width="28" height=${innerH + 12} fill="transparent" style="cursor: ns-resize"
            @pointerdown=${(e: PointerEvent) => this.onPointerDown(a, e)} @pointermove=${this.onPointerMove} @pointerup=${this.onPointerUp}
            @pointercancel=${this.onPointerUp}><title>Drag to highlight runs by ${label}</title></rect>
        </g>`;
      })}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parallel-coordinates': ParallelCoordinates;
  }
}
