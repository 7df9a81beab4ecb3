/**
 * `<marked-curve>`: one metric's history as a line with one step marked by a vertical rule — the replay's loss
 * curve with the replayed epoch on it. Long histories are min/max-decimated to the chart's width.
 *
 * Properties: `xs`, `ys` (the history), `marker` (the step to mark, or null), `title`, `height`.
 */
import { nothing, svg, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { axisPosition, axisTicks, buildAxis } from './axis-scale';
import { decimateMinMax } from './decimate';
import { formatNumber } from './format';
import { SVG_FONT, SvgChartElement } from './svg-chart-base';

const MARGIN = { left: 56, right: 14, top: 10, bottom: 34 };

@customElement('marked-curve')
export class MarkedCurve extends SvgChartElement {
  @property({ attribute: false }) xs: ArrayLike<number> = [];
  @property({ attribute: false }) ys: ArrayLike<number> = [];
  @property({ attribute: false }) marker: number | null = null;
  @property() xLabel = 'epoch';

  protected emptyMessage(): string {
    return 'No history to draw.';
  }

  protected renderChart() {
    const innerW = this.width - MARGIN.left - MARGIN.right;
    const innerH = this.height - MARGIN.top - MARGIN.bottom;
    const { xs, ys } = decimateMinMax(this.xs, this.ys, Math.max(1, innerW / 2));
    if (xs.length === 0 || innerW <= 0) return nothing;
    const xValues = Array.from(xs);
    if (this.marker !== null) xValues.push(this.marker);
    const xAxis = buildAxis(xValues, { allowLog: false });
    const yAxis = buildAxis(Array.from(ys));
    const toX = (v: number) => MARGIN.left + (axisPosition(xAxis, v) ?? 0) * innerW;
    const toY = (v: number) => MARGIN.top + (1 - (axisPosition(yAxis, v) ?? 0)) * innerH;
    const c = this.colors;
    const points = Array.from(xs, (x, i) => `${toX(x).toFixed(1)},${toY(ys[i]).toFixed(1)}`).join(' ');
    const marked = this.marker === null ? '' : `, ${this.xLabel} ${this.marker} marked`;
    return html`<svg width=${this.width} height=${this.height} role="img" aria-label="${this.title} by ${this.xLabel}${marked}" font-family=${SVG_FONT} font-size="11">
      <rect x="0" y="0" width=${this.width} height=${this.height} fill=${c.surface}></rect>
      ${axisTicks(yAxis, formatNumber).map((t) => {
        const y = MARGIN.top + (1 - t.position) * innerH;
        return svg`<line x1=${MARGIN.left} x2=${MARGIN.left + innerW} y1=${y} y2=${y} stroke=${c.grid}></line>
          <text x=${MARGIN.left - 6} y=${y} dy="0.32em" text-anchor="end" fill=${c.muted}>${t.label}</text>`;
      })}
      ${axisTicks(xAxis, formatNumber).map((t) => svg`<text x=${MARGIN.left + t.position * innerW} y=${this.height - MARGIN.bottom + 16} text-anchor="middle" fill=${c.muted}>${t.label}</text>`)}
      <text x=${MARGIN.left + innerW / 2} y=${this.height - 4} text-anchor="middle" fill=${c.text}>${this.xLabel}</text>
      <polyline points=${points} fill="none" stroke=${c.accent} stroke-width=${c.lineWidth}></polyline>
      ${
        this.marker === null
          ? nothing
          : svg`<line x1=${toX(this.marker)} x2=${toX(this.marker)} y1=${MARGIN.top} y2=${MARGIN.top + innerH} stroke=${c.contrast} stroke-width="2"></line>`
      }
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'marked-curve': MarkedCurve;
  }
}
