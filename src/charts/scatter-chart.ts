/**
 * `<scatter-chart>`: one dot per run, any param or metric on each axis (numeric, log or categorical; see
 * axis-scale.ts). Hovering or focusing a dot shows the run and its values; a dot with `href` is a link.
 *
 * Properties: `points: ScatterPoint[]`, `title`, `xLabel`, `yLabel`, `height` (px, default 300).
 */
import { html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { axisPosition, axisTicks, buildAxis, type Axis, type AxisValue } from './axis-scale';
import { formatNumber } from './format';
import { SVG_FONT, SvgChartElement } from './svg-chart-base';

export interface ScatterPoint {
  key: string;
  label: string;
  color: string;
  x: AxisValue;
  y: AxisValue;
  href?: string;
}

const MARGIN = { left: 64, right: 20, top: 12, bottom: 46 };
/** Values sit inside the frame, not on it, so the extreme runs' dots are whole; categories get more room. */
const inset = (axis: Axis, p: number) => {
  const margin = axis.kind === 'category' ? 0.1 : 0.05;
  return margin + p * (1 - 2 * margin);
};

const show = (v: AxisValue) => (typeof v === 'number' ? formatNumber(v) : (v ?? '—'));

@customElement('scatter-chart')
export class ScatterChart extends SvgChartElement {
  @property({ attribute: false }) points: ScatterPoint[] = [];
  @property() xLabel = '';
  @property() yLabel = '';

  private place(axis: Axis, value: AxisValue): number | null {
    const p = axisPosition(axis, value);
    return p === null ? null : inset(axis, p);
  }

  private get drawable(): ScatterPoint[] {
    return this.points.filter((p) => p.x !== undefined && p.y !== undefined);
  }

  protected emptyMessage(): string {
    return this.points.length ? 'No run has both of these values.' : 'No runs to draw.';
  }

  protected renderNote() {
    const missing = this.points.length - this.drawable.length;
    return missing > 0
      ? html`<p class="note">${missing} run${missing === 1 ? '' : 's'} without ${this.xLabel} or ${this.yLabel} not shown.</p>`
      : nothing;
  }

  protected renderChart() {
    const points = this.drawable;
    if (points.length === 0) return nothing;
    const xAxis = buildAxis(points.map((p) => p.x));
    const yAxis = buildAxis(points.map((p) => p.y));
    const w = this.width;
    const h = this.height;
    const innerW = w - MARGIN.left - MARGIN.right;
    const innerH = h - MARGIN.top - MARGIN.bottom;
    const toX = (v: AxisValue) => MARGIN.left + (this.place(xAxis, v) ?? 0) * innerW;
    const toY = (v: AxisValue) => MARGIN.top + (1 - (this.place(yAxis, v) ?? 0)) * innerH;
    const xTicks = axisTicks(xAxis, formatNumber).map((t) => ({
      ...t,
      at: MARGIN.left + inset(xAxis, t.position) * innerW,
    }));
    const yTicks = axisTicks(yAxis, formatNumber).map((t) => ({
      ...t,
      at: MARGIN.top + (1 - inset(yAxis, t.position)) * innerH,
    }));
    const c = this.colors;
    return html`<svg width=${w} height=${h} role="group" aria-label=${this.title} font-family=${SVG_FONT} font-size="11">
      <rect x="0" y="0" width=${w} height=${h} fill=${c.surface}></rect>
      ${yTicks.map(
        (t) => svg`<line x1=${MARGIN.left} x2=${w - MARGIN.right} y1=${t.at} y2=${t.at} stroke=${c.grid}></line>
        <text x=${MARGIN.left - 6} y=${t.at} dy="0.32em" text-anchor="end" fill=${c.muted}>${t.label}</text>`,
      )}
      ${xTicks.map(
        (t) => svg`<line x1=${t.at} x2=${t.at} y1=${MARGIN.top} y2=${h - MARGIN.bottom} stroke=${c.grid}></line>
        <text x=${t.at} y=${h - MARGIN.bottom + 16} text-anchor="middle" fill=${c.muted}>${t.label}</text>`,
      )}
      <rect x=${MARGIN.left} y=${MARGIN.top} width=${innerW} height=${innerH} fill="none" stroke=${c.border}></rect>
      <text x=${MARGIN.left + innerW / 2} y=${h - 6} text-anchor="middle" fill=${c.text} font-size="12">${this.xLabel}${xAxis.kind === 'numeric' && xAxis.log ? ' (log)' : ''}</text>
      <text transform="translate(14 ${MARGIN.top + innerH / 2}) rotate(-90)" text-anchor="middle" fill=${c.text} font-size="12">${this.yLabel}${yAxis.kind === 'numeric' && yAxis.log ? ' (log)' : ''}</text>
      ${points.map((p) => {
        const cx = toX(p.x);
        const cy = toY(p.y);
        const tip = html`<b>${p.label}</b>${this.xLabel}: ${show(p.x)}<br />${this.yLabel}: ${show(p.y)}`;
        const enter = () => this.showTooltip(cx, cy, tip);
        const dot = svg`<circle cx=${cx} cy=${cy} r="7" fill=${p.color} fill-opacity="0.9" stroke=${c.surface} stroke-width="1.5"></circle>`;
        return svg`<a href=${p.href ?? nothing} role="link" tabindex="0" aria-label="${p.label}: ${this.xLabel} ${show(p.x)}, ${this.yLabel} ${show(p.y)}"
          @pointerenter=${enter} @focus=${enter} @pointerleave=${this.hideTooltip} @blur=${this.hideTooltip}>${dot}</a>`;
      })}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scatter-chart': ScatterChart;
  }
}
